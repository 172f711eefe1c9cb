/**
 * The engine: clock, event queue, handler table and one chain process (fast or
 * reference), SimPy-shaped (`step()` / `run(until)`; DESIGN.md §2, STYLE.md item 3).
 *
 * ## How model code drives it
 *
 * Set up once per worker (no closures per event or per path):
 * ```ts
 * const engine = new Engine({ mode: "fast" });           // or "reference"
 * engine.on(KIND_DAILY, onDailyTick);                     // kinds: small ints ≥ FIRST_MODEL_EVENT_KIND
 * engine.on(KIND_DECISION, onDecision);
 * engine.on(EVENT_HORIZON, onHorizon);                    // optional: called once at the end
 * engine.addChainObserver({ onRetarget, onSubsidyChange }); // hashprice jumps here
 * ```
 * Then per path:
 * ```ts
 * engine.begin(plan, { chain: streamFor(seed, i, "chain") }, record);
 * engine.scheduleDaily(KIND_DAILY);                       // 00:00 UTC every day
 * engine.schedule(contractStart, KIND_DECISION, minerIndex);
 * engine.run();                                           // to the horizon
 * ```
 * A handler `(engine, kind, intArg, floatArg) => void` runs at `engine.now`; it may call
 * `engine.setHashrate(hs)`, `engine.schedule(...)`, and read the chain state (`bits`,
 * `difficulty`, `subsidySats`, `subsidyEra`, `epochIndex`, `lastBoundaryTime`, …).
 *
 * ## Ordering
 * Queue events run in (time, priority, seq) order. The first recurring event of a path
 * (typically the daily tick) is kept in a cadence slot outside the heap, with the
 * sequence number it would have had in the heap, so it runs in exactly the same order
 * while costing no heap pop and push per tick. At one instant a chain boundary runs
 * first, then the plan's hashrate schedule entry (read by a cursor: the schedule is
 * already sorted), then queued events. Events and schedule entries at or after the
 * horizon never run; chain arrivals up to and including the horizon are processed. Then
 * the chain records the horizon scalars and the EVENT_HORIZON handler (if any) runs with
 * `now = horizon`.
 *
 * ## Termination
 * Horizons end by 2106 (plan.ts, MAX_UNIX_TIME). Every happening is a chain boundary, a
 * schedule entry or a queued event. Boundaries are finitely many before the horizon: λ = 0
 * (or tiny) puts the next one at or beyond +∞, so a stalled chain simply ends at the
 * horizon, and epochs far shorter than two weeks need the hashrate to outgrow the ×4
 * retarget clamp, which a finite hashrate cannot do for long. Recurring events need a
 * period ≥ 1 s, and a path that runs more than `maxEvents` queued events (default 50
 * million) throws instead of spinning (a handler that keeps rescheduling itself at `now`).
 */
import type { Rng } from "../random/index.js";
import {
  BOUNDARY_EPOCH_FIRST,
  BOUNDARY_HALVING,
  BOUNDARY_RETARGET,
  BOUNDARY_SUBSIDY_CHANGE,
} from "./boundaries.js";
import type { ChainProcess } from "./chain-process.js";
import { EventQueue } from "./event-queue.js";
import { FastChain } from "./fast-chain.js";
import type { ChainRecord } from "./chain-record.js";
import { validateEnginePlan, type EnginePlan, type HashrateSchedule } from "./plan.js";
import { ReferenceChain } from "./reference-chain.js";

/** Which chain process an engine runs. */
export type EngineMode = "fast" | "reference";

/** An event handler, registered once per kind. Runs at `engine.now`. */
export type EventHandler = (engine: Engine, kind: number, intArg: number, floatArg: number) => void;

/**
 * Chain boundary hooks (all optional), each called with the engine (its `now` is the
 * arrival instant), the boundary height and its arrival time. The engine's chain state is
 * already updated when they run; they may call setHashrate and schedule.
 */
export interface ChainObserver {
  /** Block 2016n arrived: the first block of epoch n (nothing economic changes). */
  onEpochFirstBlock?(engine: Engine, height: number, time: number): void;
  /**
   * Block 2016n+2015 arrived and Core's retarget ran: `engine.bits` / `difficulty` are the
   * new epoch's (for the next block), `engine.previousBits` the old ones.
   */
  onRetarget?(engine: Engine, height: number, time: number): void;
  /**
   * Block 210000m − 1 arrived: the block now being mined carries the halved subsidy
   * (`engine.subsidySats`, `engine.subsidyEra` already updated).
   */
  onSubsidyChange?(engine: Engine, height: number, time: number): void;
  /** Block 210000m (the halving block, the conventional halving date) arrived. */
  onHalving?(engine: Engine, height: number, time: number): void;
}

/** Receives everything that happens on a path (trace/replay; see trace.ts). */
export interface EngineTracer {
  begin(engine: Engine): void;
  event(engine: Engine, kind: number, intArg: number, floatArg: number): void;
  hashrate(engine: Engine, hashrate: number): void;
  boundary(engine: Engine, flags: number, height: number, time: number): void;
  end(engine: Engine, out: ChainRecord): void;
}

/** The random streams of one path that the engine uses. */
export interface PathStreams {
  /** The chain process's stream (component "chain", see streamFor). */
  readonly chain: Rng;
}

/** Queued events one path may run before the engine throws, unless EngineOptions.maxEvents says otherwise. */
export const DEFAULT_MAX_EVENTS = 5e7;

export interface EngineOptions {
  /** "fast" (default) or "reference" (block by block). */
  readonly mode?: EngineMode;
  /** Size of the handler table: kinds are integers in [0, maxEventKinds). Default 64. */
  readonly maxEventKinds?: number;
  /** Initial event-queue slots (grows by doubling). Default 64. */
  readonly queueCapacity?: number;
  /** Queued events one path may run before the engine throws. Default {@link DEFAULT_MAX_EVENTS}. */
  readonly maxEvents?: number;
}

/** Reserved kind: the horizon handler (never queued; called once when a path ends). */
export const EVENT_HORIZON = 0;
/** Reserved kind: the plan's hashrate schedule (applied by the engine; shown as such in traces). */
export const EVENT_HASHRATE_SCHEDULE = 1;
/** Model event kinds start here (2..7 are reserved for the engine). */
export const FIRST_MODEL_EVENT_KIND = 8;
/** Seconds per day; unix days start at multiples of it (00:00 UTC; unix time has no leap seconds). */
export const SECONDS_PER_DAY = 86_400;
/** Smallest period of a recurring event, seconds. */
export const MIN_EVENT_PERIOD = 1;

const EMPTY = new Float64Array(0);

function badHashrate(hashrate: number): never {
  throw new RangeError(`hashrate must be a finite number >= 0 H/s, got ${hashrate}`);
}

function tooManyEvents(maxEvents: number): never {
  throw new Error(`more than ${maxEvents} events on one path: a handler keeps rescheduling itself?`);
}

function notRunning(): never {
  throw new Error("setHashrate called outside a running path");
}

export class Engine {
  readonly mode: EngineMode;
  private readonly queue: EventQueue;
  private readonly chain: ChainProcess;
  private readonly handlers: (EventHandler | null)[];
  private readonly observers: ChainObserver[] = [];
  private tracer: EngineTracer | null = null;
  /** Initialised here, not only in the constructor: a number field declared without a value is tagged in V8 (event-queue.ts). */
  private readonly maxEvents: number = DEFAULT_MAX_EVENTS;
  private plan: EnginePlan | null = null;
  /** The last plan that passed validation (plans are immutable, DESIGN.md §1). */
  private validatedPlan: EnginePlan | null = null;
  /** The plan's hashrate schedule, read by a cursor (it is already sorted: no heap needed). */
  private scheduleTimes: Float64Array = EMPTY;
  private scheduleRates: Float64Array = EMPTY;
  private scheduleNext = 0;
  /** scheduleTimes[scheduleNext], or +Infinity when the schedule is exhausted. */
  private scheduleTime = Infinity;
  /**
   * The cadence slot: one recurring event held outside the heap (the first one scheduled
   * on a path), ordered among queued events by (time, priority, seq) exactly as if it
   * were queued: it takes a sequence number from the queue whenever the heap version
   * would have been pushed. cadTime is +Infinity when the slot holds nothing due.
   */
  private cadUsed = false;
  private cadTime = Infinity;
  private cadPeriod = 0.5;
  private cadKind = 0;
  private cadPriority = 0;
  private cadSeq = 0;
  private cadIntArg = 0;
  private cadFloatArg = 0.5;
  /**
   * The cadence kind's handler, called from its own call site: that site sees one target
   * (the daily tick) where the shared one sees every kind's handler.
   */
  private cadHandler: EventHandler | null = null;
  private out: ChainRecord | null = null;
  /** Argument of setHashrate (a non-integer start keeps the field an unboxed double). */
  private newHashrate = 0.5;
  private clock = 0;
  private end = 0;
  private done = true;
  private eventsRun = 0;

  constructor(options: EngineOptions = {}) {
    const mode = options.mode ?? "fast";
    if (mode !== "fast" && mode !== "reference") throw new RangeError(`unknown engine mode "${String(mode)}"`);
    this.mode = mode;
    const kinds = options.maxEventKinds ?? 64;
    if (!Number.isInteger(kinds) || kinds < FIRST_MODEL_EVENT_KIND || kinds > 1 << 16) {
      throw new RangeError(`maxEventKinds must be an integer in [${FIRST_MODEL_EVENT_KIND}, 65536], got ${kinds}`);
    }
    this.maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    if (!(this.maxEvents >= 1)) throw new RangeError(`maxEvents must be >= 1, got ${this.maxEvents}`);
    this.handlers = new Array<EventHandler | null>(kinds).fill(null);
    this.queue = new EventQueue(options.queueCapacity ?? 64);
    this.chain = mode === "reference" ? new ReferenceChain() : new FastChain();
    this.chain.listener = { chainBoundary: (flags, height, time) => this.onChainBoundary(flags, height, time) };
  }

  // ---- setup (once per worker) ----

  /** Registers the handler of event kind `kind` (replacing any earlier one). */
  on(kind: number, handler: EventHandler): void {
    if (!Number.isInteger(kind) || kind < 0 || kind >= this.handlers.length) {
      throw new RangeError(`event kind must be an integer in [0, ${this.handlers.length}), got ${kind}`);
    }
    if (kind === EVENT_HASHRATE_SCHEDULE || (kind > EVENT_HASHRATE_SCHEDULE && kind < FIRST_MODEL_EVENT_KIND)) {
      throw new RangeError(`event kind ${kind} is reserved for the engine`);
    }
    this.handlers[kind] = handler;
    if (this.cadUsed && kind === this.cadKind) this.cadHandler = handler;
  }

  /** Adds a chain observer; observers are called in the order they were added. */
  addChainObserver(observer: ChainObserver): void {
    this.observers.push(observer);
  }

  /** Sets (or clears, with null) the tracer that sees every happening. */
  setTracer(tracer: EngineTracer | null): void {
    this.tracer = tracer;
  }

  // ---- per path ----

  /**
   * Starts a path: validates the plan (once per plan object: plans are immutable,
   * DESIGN.md §1), clears the queue, resets the chain and the record `out`, and arms the
   * plan's hashrate schedule. Model code schedules its own first events after this (and
   * may set the hashrate) and then calls run().
   */
  begin(plan: EnginePlan, streams: PathStreams, out: ChainRecord): void {
    if (plan !== this.validatedPlan) {
      validateEnginePlan(plan);
      this.validatedPlan = plan;
    }
    this.plan = plan;
    this.out = out;
    this.queue.clear();
    this.cadUsed = false;
    this.cadTime = Infinity;
    this.clock = plan.startTime;
    this.end = plan.horizon;
    this.done = false;
    this.eventsRun = 0;
    this.chain.reset(plan, streams.chain, out);
    const schedule: HashrateSchedule | undefined = plan.schedule;
    this.scheduleTimes = schedule !== undefined ? schedule.times : EMPTY;
    this.scheduleRates = schedule !== undefined ? schedule.hashrates : EMPTY;
    this.scheduleNext = 0;
    this.scheduleTime = this.scheduleTimes.length > 0 ? (this.scheduleTimes[0] as number) : Infinity;
    if (this.tracer !== null) this.tracer.begin(this);
  }

  /**
   * Queues a one-shot event of `kind` at `time` (unix s, ≥ now). Events at or after the
   * horizon are accepted and never run. Lower `priority` runs first at equal times; equal
   * (time, priority) run in the order they were scheduled.
   */
  schedule(time: number, kind: number, intArg = 0, floatArg = 0, priority = 0): void {
    this.checkSchedule(time, kind, intArg, priority);
    if (time < this.end) this.pushEvent(time, kind, priority, intArg, floatArg, 0);
  }

  /**
   * Queues a recurring event: at `firstTime`, then every `period` seconds (≥ 1 s) until
   * the horizon.
   */
  scheduleEvery(firstTime: number, period: number, kind: number, intArg = 0, floatArg = 0, priority = 0): void {
    this.checkSchedule(firstTime, kind, intArg, priority);
    if (!(period >= MIN_EVENT_PERIOD) || !Number.isFinite(period)) {
      throw new RangeError(`period must be a finite number >= ${MIN_EVENT_PERIOD} s, got ${period}`);
    }
    if (!(firstTime < this.end)) return;
    if (this.cadUsed) {
      this.pushEvent(firstTime, kind, priority, intArg, floatArg, period);
      return;
    }
    this.cadUsed = true;
    this.cadTime = firstTime;
    this.cadPeriod = period;
    this.cadKind = kind;
    this.cadPriority = priority;
    this.cadSeq = this.queue.takeSeq();
    this.cadIntArg = intArg;
    this.cadFloatArg = floatArg;
    this.cadHandler = this.handlers[kind] as EventHandler;
  }

  /** Queues `kind` at 00:00 UTC of every day, from the first midnight at or after now. */
  scheduleDaily(kind: number, intArg = 0, floatArg = 0, priority = 0): void {
    const first = Math.ceil(this.clock / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    this.scheduleEvery(first, SECONDS_PER_DAY, kind, intArg, floatArg, priority);
  }

  /**
   * Sets the network hashrate (H/s, finite, ≥ 0) from `now` on. The chain process
   * re-plans its pending arrival exactly (fast: keeps its Gamma draw and the integral so
   * far; reference: memoryless redraw). Setting the current value again does nothing.
   */
  setHashrate(hashrate: number): void {
    // Small enough (bytecode) to be inlined at every call site, so the value goes straight
    // into a double field and the call that does the work takes no number: a number passed
    // to a call that is not inlined is boxed, an allocation per daily tick.
    this.newHashrate = hashrate;
    this.applyNewHashrate();
  }

  /** setHashrate's work, on this.newHashrate. */
  private applyNewHashrate(): void {
    const hashrate = this.newHashrate;
    // The cold calls re-read the value rather than take the local: a number boxed for two
    // calls in different branches is boxed once above both, on every call.
    if (!(hashrate >= 0) || hashrate === Infinity) badHashrate(this.newHashrate);
    if (this.done) notRunning();
    const chain = this.chain;
    if (hashrate === chain.hashrate) return;
    chain.setHashrate(this.clock, hashrate);
    if (this.tracer !== null) this.tracer.hashrate(this, this.newHashrate);
  }

  /**
   * Runs the next happening (a chain boundary or a queued event) before the horizon.
   * Returns false, after ending the path, when nothing is left before the horizon.
   */
  step(): boolean {
    if (this.advance(this.end)) return true;
    if (!this.done) this.finish();
    return false;
  }

  /**
   * Runs every happening before `until` (default: the horizon, which also ends the path),
   * then sets now = until.
   */
  run(until = Infinity): void {
    if (this.plan === null) throw new Error("run() called before begin()");
    if (until >= this.end) {
      // step() in a loop, without a call per happening.
      const end = this.end;
      for (;;) {
        // The common happening first: the cadence event (the daily tick) strictly before
        // the heap's top, the schedule's next entry and the horizon. advance() would run
        // exactly this (a chain boundary at or before it first, then the event); here it
        // costs no call to advance() and none of its tie-breaking.
        const tc = this.cadTime;
        if (tc < this.queue.peekTime() && tc < this.scheduleTime && tc < end && !this.done) {
          if (!this.chain.advance(tc)) this.runCadence();
          continue;
        }
        if (!this.advance(end)) break;
      }
      if (!this.done) this.finish();
      return;
    }
    while (this.advance(until));
    if (until > this.clock) this.clock = until;
  }

  // ---- read access for model code ----

  /** Current simulation time, unix seconds (float). */
  get now(): number {
    return this.clock;
  }
  /** The path's horizon, unix seconds. */
  get horizon(): number {
    return this.end;
  }
  /** True once the path reached its horizon (or before the first begin()). */
  get finished(): boolean {
    return this.done;
  }
  /** The record of the current path. */
  get record(): ChainRecord {
    if (this.out === null) throw new Error("no path started");
    return this.out;
  }
  /** Network hashrate, H/s. */
  get hashrate(): number {
    return this.chain.hashrate;
  }
  /** Expected blocks per second at the current hashrate and difficulty, H/(D·2^32). */
  get blockRate(): number {
    return this.chain.rate;
  }
  /** nBits of the block being mined. */
  get bits(): number {
    return this.chain.bits;
  }
  /** nBits before the latest retarget (equal to bits until one happens). */
  get previousBits(): number {
    return this.chain.previousBits;
  }
  /** Core GetDifficulty of `bits`. */
  get difficulty(): number {
    return this.chain.difficulty;
  }
  /** Subsidy of the block being mined, satoshis. */
  get subsidySats(): number {
    return this.chain.subsidySats;
  }
  /** Halvings before the block being mined. */
  get subsidyEra(): number {
    return this.chain.subsidyEra;
  }
  /** Epoch n of the block being mined (heights 2016n … 2016n+2015). */
  get epochIndex(): number {
    return this.chain.epochIndex;
  }
  /** Arrival of the latest chain boundary (the plan's startTime before the first). */
  get lastBoundaryTime(): number {
    return this.chain.lastBoundaryTime;
  }
  /** Height of the latest chain boundary (the plan's startHeight before the first). */
  get lastBoundaryHeight(): number {
    return this.chain.lastBoundaryHeight;
  }

  // ---- internals ----

  private checkSchedule(time: number, kind: number, intArg: number, priority: number): void {
    if (this.done) throw new Error("schedule called outside a running path");
    if (!(time >= this.clock)) throw new RangeError(`event time ${time} is before now (${this.clock}) or NaN`);
    if (!Number.isInteger(kind) || kind <= EVENT_HORIZON || kind >= this.handlers.length || this.handlers[kind] === null) {
      throw new RangeError(`no handler registered for event kind ${kind}`);
    }
    if ((intArg | 0) !== intArg) throw new RangeError(`intArg must be an int32, got ${intArg}`);
    if ((priority | 0) !== priority) throw new RangeError(`priority must be an int32, got ${priority}`);
  }

  private pushEvent(time: number, kind: number, priority: number, intArg: number, floatArg: number, period: number): void {
    this.queue.push(time, kind, priority, intArg, floatArg, period);
  }

  /**
   * One happening strictly before `stop` (chain arrivals: up to and including `stop`).
   * Returns false if there is none. Order at equal times: chain boundary, then the plan's
   * hashrate schedule, then queued events. run() takes the cadence event itself when it
   * comes strictly first; a change to the order here must keep that shortcut right
   * (tests/engine/engine.test.ts compares run() with a step() loop).
   */
  private advance(stop: number): boolean {
    if (this.done) return false;
    const queue = this.queue;
    const tq = queue.peekTime();
    const tc = this.cadTime;
    // The cadence runs before the heap's top when earlier, or at the same time with a
    // smaller (priority, seq) — the heap's own order.
    const cadenceFirst =
      tc < tq ||
      (tc === tq &&
        tc !== Infinity &&
        (this.cadPriority < queue.peekPriority() || (this.cadPriority === queue.peekPriority() && this.cadSeq < queue.peekSeq())));
    const te = cadenceFirst ? tc : tq;
    const ts = this.scheduleTime;
    const next = ts <= te ? ts : te;
    if (this.chain.advance(next < stop ? next : stop)) return true;
    if (!(next < stop)) return false;
    if (ts <= te) {
      this.applySchedule(ts);
      return true;
    }
    if (cadenceFirst) {
      this.runCadence();
      return true;
    }
    if (++this.eventsRun > this.maxEvents) tooManyEvents(this.maxEvents);
    queue.pop();
    const time = queue.time;
    const kind = queue.kind;
    const intArg = queue.intArg;
    const floatArg = queue.floatArg;
    const period = queue.period;
    this.clock = time;
    if (period > 0) this.queue.push(time + period, kind, queue.priority, intArg, floatArg, period);
    if (this.tracer !== null) this.tracer.event(this, kind, intArg, floatArg);
    (this.handlers[kind] as EventHandler)(this, kind, intArg, floatArg);
    return true;
  }

  /**
   * Runs the cadence event, due now at cadTime (the caller has checked that it comes next
   * and that no chain boundary comes before it). Reads the time from the field rather than
   * taking it as an argument: a number passed to a call that is not inlined is boxed.
   */
  private runCadence(): void {
    if (++this.eventsRun > this.maxEvents) tooManyEvents(this.maxEvents);
    const tc = this.cadTime;
    const kind = this.cadKind;
    const intArg = this.cadIntArg;
    const floatArg = this.cadFloatArg;
    this.clock = tc;
    // As the heap would: the next occurrence is queued (takes its seq) before the handler runs.
    this.cadTime = tc + this.cadPeriod;
    this.cadSeq = this.queue.takeSeq();
    if (this.tracer !== null) this.tracer.event(this, kind, intArg, floatArg);
    (this.cadHandler as EventHandler)(this, kind, intArg, floatArg);
  }

  /** Applies the next schedule entry, due at `time`, and moves the cursor on. */
  private applySchedule(time: number): void {
    const index = this.scheduleNext++;
    this.clock = time;
    this.scheduleTime = this.scheduleNext < this.scheduleTimes.length ? (this.scheduleTimes[this.scheduleNext] as number) : Infinity;
    if (this.tracer !== null) this.tracer.event(this, EVENT_HASHRATE_SCHEDULE, index, 0);
    this.setHashrate(this.scheduleRates[index] as number);
  }

  private onChainBoundary(flags: number, height: number, time: number): void {
    this.clock = time;
    if (this.tracer !== null) this.tracer.boundary(this, flags, height, time);
    const observers = this.observers;
    for (let i = 0; i < observers.length; i++) {
      const o = observers[i] as ChainObserver;
      if ((flags & BOUNDARY_EPOCH_FIRST) !== 0 && o.onEpochFirstBlock !== undefined) o.onEpochFirstBlock(this, height, time);
      if ((flags & BOUNDARY_RETARGET) !== 0 && o.onRetarget !== undefined) o.onRetarget(this, height, time);
      if ((flags & BOUNDARY_SUBSIDY_CHANGE) !== 0 && o.onSubsidyChange !== undefined) o.onSubsidyChange(this, height, time);
      if ((flags & BOUNDARY_HALVING) !== 0 && o.onHalving !== undefined) o.onHalving(this, height, time);
    }
  }

  private finish(): void {
    this.clock = this.end;
    this.chain.finish(this.end);
    this.done = true;
    const onHorizon = this.handlers[EVENT_HORIZON];
    if (onHorizon !== null && onHorizon !== undefined) onHorizon(this, EVENT_HORIZON, 0, 0);
    if (this.tracer !== null) this.tracer.end(this, this.out as ChainRecord);
  }
}
