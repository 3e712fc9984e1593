// The query box: a text input that suggests field names as you type them (ARIA combobox; ↓/↑ choose, Enter or Tab inserts, Esc closes).
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { fieldTokenAt, insertField, suggestFields, type FieldChoice } from './suggest';

interface QueryInputProps {
  id: string;
  value: string;
  onChange: (query: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  fields: readonly FieldChoice[];
  indices: readonly string[];
  invalid: boolean;
  describedBy: string;
}

export function QueryInput({ id, value, onChange, inputRef, fields, indices, invalid, describedBy }: QueryInputProps) {
  const [caret, setCaret] = useState<number | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Where to put the caret after an insertion, once React has rendered the new value.
  const pendingCaret = useRef<number | undefined>(undefined);

  const token = caret === undefined ? undefined : fieldTokenAt(value, caret);
  const options = open && token !== undefined ? suggestFields(fields, token.text, indices) : [];
  const listId = `${id}-fields`;
  const shown = options.length > 0;

  useLayoutEffect(() => {
    const input = inputRef.current;
    if (pendingCaret.current === undefined || input === null) return;
    input.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = undefined;
  });

  const readCaret = () => setCaret(inputRef.current?.selectionStart ?? undefined);
  const choose = (field: FieldChoice) => {
    if (token === undefined) return;
    const next = insertField(value, token, field.name);
    pendingCaret.current = next.caret;
    onChange(next.query);
    setCaret(next.caret);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!shown) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + options.length + (current < 0 && step < 0 ? 1 : 0)) % options.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0 && active < options.length) {
      // Only a chosen option is inserted: Enter on a bare word still searches it as full text.
      event.preventDefault();
      choose(options[active] as FieldChoice);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="query-input">
      <input
        id={id}
        ref={inputRef}
        className="mono"
        value={value}
        placeholder="e.g. srcip:10.0.0.0/8 AND action:REJECT, or msg_origin.source:aws_guardduty"
        spellCheck={false}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        {...(shown && active >= 0 ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart ?? undefined);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(event) => {
          if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') readCaret();
        }}
        onClick={readCaret}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label="Field names" className="field-suggestions" hidden={!shown}>
        {options.map((field, position) => (
          <li
            key={field.name}
            id={`${listId}-${position}`}
            role="option"
            aria-selected={position === active}
            className={position === active ? 'active' : undefined}
            // mousedown, not click: the input keeps its focus (a blur would close the list first).
            onMouseDown={(event) => {
              event.preventDefault();
              choose(field);
            }}
          >
            <span className="mono">{field.name}</span> <span className="muted small">{field.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
