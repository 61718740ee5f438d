type Props = {
  legend: string;
  name: string;
  /** `[value, label]` pairs, in the order shown. */
  options: readonly (readonly [string, string])[];
  error?: string;
};

/** A group of checkboxes sent under one name (`FormData.getAll(name)`), all ticked at first. */
export function CheckboxFieldset({ legend, name, options, error }: Props) {
  return (
    <fieldset className="stack" aria-invalid={Boolean(error)}>
      <legend>{legend}</legend>
      {options.map(([value, label]) => (
        <label key={value} className="checkbox">
          <input type="checkbox" name={name} value={value} defaultChecked /> {label}
        </label>
      ))}
      {error && <span className="form-error">{error}</span>}
    </fieldset>
  );
}
