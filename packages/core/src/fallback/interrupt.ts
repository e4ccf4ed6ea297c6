/** Why an attempt was stopped that is not its failure: pause, offline, the job's end, the attempt's own end. */
export class Interrupt extends Error {
  override name = 'Interrupt';
}
