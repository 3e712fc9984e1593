// A list of names typed one at a time: Enter adds the name (as the product document says), × or Backspace removes one.
import { useState, type KeyboardEvent } from 'react';
import type { ControlProps } from './Field';

export interface TagInputProps extends ControlProps {
  values: string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
  placeholder?: string;
}

export function TagInput({ values, onChange, disabled = false, placeholder, ...control }: TagInputProps) {
  const [text, setText] = useState('');

  const add = () => {
    const name = text.trim();
    if (name === '') return;
    if (!values.includes(name)) onChange([...values, name]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter adds a name; it must not submit the wizard's form.
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className={`tag-input${disabled ? ' disabled' : ''}${control['aria-invalid'] ? ' invalid' : ''}`}>
      <ul className="tags" aria-label="Entered names">
        {values.map((value) => (
          <li key={value} className="tag">
            <span className="mono">{value}</span>
            <button type="button" className="tag-remove" aria-label={`Remove ${value}`} disabled={disabled} onClick={() => onChange(values.filter((item) => item !== value))}>×</button>
          </li>
        ))}
      </ul>
      <input
        {...control}
        value={text}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        // A name typed but not yet entered is not lost when the person moves on.
        onBlur={add}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
