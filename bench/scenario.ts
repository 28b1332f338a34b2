// A benchmark scenario: the same work done by Berth and by Podman (and any reference), timed
// as whole processes, alternating A B A B ... so that drift of a shared machine hits both alike.

export interface Subject {
  name: string;
  /** argv of the timed process. */
  command: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Untimed preparation before each timed run (e.g. empty the store before a pull). */
  before?: () => Promise<void>;
  /** Untimed clean-up after each timed run. */
  after?: () => Promise<void>;
}

export interface Target {
  /** Berth's median over this subject's median must be at most `maxRatio`. */
  against: string;
  maxRatio: number;
}

export interface Scenario {
  name: string;
  description: string;
  /** The first subject is Berth; ratios are Berth / each other subject. */
  subjects: readonly Subject[];
  targets: readonly Target[];
  setup?: () => Promise<void>;
  teardown?: () => Promise<void>;
  /**
   * For work with nothing to compare against (the desktop UI: there is no Podman Desktop here):
   * one round of measurements, reported as absolute medians against fixed limits instead of
   * ratios. Such a scenario has no subjects; `note` says why, and is printed with the results.
   */
  measure?: () => Promise<Measurement[]>;
  note?: string;
}

/** One absolute measurement of a round, e.g. `{ name: 'load to rendered list', value: 212, unit: 'ms', max: 300 }`. */
export interface Measurement {
  name: string;
  value: number;
  unit: string;
  /** The target: at most this much. */
  max?: number;
}
