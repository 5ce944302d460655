/** One environment value. Secrets are rendered empty; `fromEnv` names the variable a run fills them from. */
export interface EnvironmentValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
  fromEnv?: string;
  /** A run goes on without it (the collection says what it could not do). */
  optional?: true;
  /** The embedded simulator is seeded with it, so under --sim a missing one is made up. */
  seedsSimulator?: true;
  /**
   * The secret of something the run creates (the Okta client): when its variable is not set, the run makes one up,
   * and a set-up run, which keeps what it creates, hands it over to the user (--reveal-to).
   */
  createdByRun?: true;
  /**
   * The collection keeps a variable of this name too, learned at run time (a secret the tenant's answer shows): an
   * empty environment value would hide it, so one is only written, and sent, when it has a value.
   */
  alsoLearned?: true;
}
