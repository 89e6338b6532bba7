import { Gauge, Histogram, Registry } from 'prom-client';

/** One value of a gauge: its labels (if the gauge has any) and the number. */
export interface GaugeSample {
  gauge: string;
  labels?: Record<string, string>;
  value: number;
}

export interface GaugeSpec {
  name: string;
  help: string;
  labelNames?: readonly string[];
}

/**
 * A module's gauges, computed at scrape time (usually from the database, so every process
 * answers the same figures). One collector may feed several gauges from one query; each
 * scrape replaces all of their values, so a label that disappears is gone.
 */
export interface GaugeCollector {
  /** Shown in openline_metrics_collector_up{collector}. */
  name: string;
  gauges: readonly GaugeSpec[];
  collect(): Promise<GaugeSample[]>;
}

export interface MetricsLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Request latency buckets (seconds): most API answers take milliseconds, a slow export or a
 * saturated intake seconds; the tail above 10 s is one bucket.
 */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The app's Prometheus metrics: per-process counters and histograms (Prometheus sums them
 * over processes) and database-computed gauges registered by modules (the same in every
 * process: aggregate them with max(), never sum()).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly collectors = new Map<string, { collector: GaugeCollector; gauges: Map<string, Gauge> }>();
  private readonly up: Gauge;
  private readonly requests: Histogram;

  constructor(private readonly log?: MetricsLogger) {
    this.up = new Gauge({ name: 'openline_metrics_collector_up', help: '1 if the collector answered at this scrape, 0 if it failed (its gauges are then absent)', labelNames: ['collector'], registers: [this.registry] });
    this.requests = new Histogram({
      name: 'openline_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern, method and status class (per process; sum over processes)',
      labelNames: ['route', 'method', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** `route` is the registered pattern (/api/v1/cases/:id), never the raw URL: ids and codes would explode the series. */
  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.requests.observe({ route, method, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  /**
   * Adds a module's collector; a second one with the same name replaces the first (how a new
   * source of figures, e.g. a batched intake, takes over the gauges of the old one).
   */
  registerGaugeCollector(collector: GaugeCollector): void {
    const previous = this.collectors.get(collector.name);
    if (previous) for (const name of previous.gauges.keys()) this.registry.removeSingleMetric(name);
    const gauges = new Map<string, Gauge>();
    for (const spec of collector.gauges) {
      gauges.set(spec.name, new Gauge({ name: spec.name, help: spec.help, labelNames: [...(spec.labelNames ?? [])], registers: [this.registry] }));
    }
    this.collectors.set(collector.name, { collector, gauges });
  }

  /**
   * Runs every collector, then renders the text format. A failing collector leaves the others
   * standing. One after another: a scrape holds at most one pooled connection at a time, so it
   * neither competes with requests for the pool nor shows its own queries as pool waiters.
   */
  async scrape(): Promise<string> {
    for (const { collector, gauges } of this.collectors.values()) {
      try {
        const samples = await collector.collect();
        for (const gauge of gauges.values()) gauge.reset();
        for (const sample of samples) {
          const gauge = gauges.get(sample.gauge);
          if (!gauge) throw new Error(`collector ${collector.name} sent a sample for unknown gauge ${sample.gauge}`);
          if (sample.labels) gauge.set(sample.labels, sample.value);
          else gauge.set(sample.value);
        }
        this.up.set({ collector: collector.name }, 1);
        for (const [name, gauge] of gauges) if (!this.registry.getSingleMetric(name)) this.registry.registerMetric(gauge);
      } catch (err) {
        // Out of this scrape rather than a made-up 0 (a backlog of 0 when the database is down would lie).
        for (const name of gauges.keys()) this.registry.removeSingleMetric(name);
        this.up.set({ collector: collector.name }, 0);
        this.log?.warn({ err, collector: collector.name }, 'metrics collector failed; its gauges are left out of this scrape');
      }
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
