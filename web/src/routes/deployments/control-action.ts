/** One manual control: the mutation it runs (its permission), its button, and whether it applies now. */
export interface ControlAction {
  mutation: string;
  label: string;
  /** Why it does not apply now (the button is disabled with this as its title); null when it does. */
  unavailable: string | null;
  danger?: boolean;
}
