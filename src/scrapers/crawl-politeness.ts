/**
 * Politeness: per-host concurrency and request rate (the slower of `--rate` and robots.txt's Crawl-delay),
 * and robots.txt rules via robots-parser. Retries go through the same limiter, so a struggling server is
 * not hit harder by them.
 */
import { createRequire } from 'node:module';
interface RobotLike { isAllowed(url: string, ua?: string): boolean | undefined; getCrawlDelay(ua?: string): number | undefined; getSitemaps(): string[] }

// robots-parser is CommonJS with `module.exports = fn`; its typings describe an ES default export.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => RobotLike;

type Release = () => void;

interface HostState {
  active: number;
  nextStart: number;
  intervalMs: number;
  waiters: (() => void)[];
  timer: NodeJS.Timeout | null;
}

/** Per-host slots: at most `concurrency` requests in flight and one start per interval. */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly concurrency: number, private readonly ratePerSecond: number) {}

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, nextStart: 0, intervalMs: this.ratePerSecond > 0 ? 1000 / this.ratePerSecond : 0, waiters: [], timer: null };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Slows a host down to at least `ms` between request starts (robots.txt Crawl-delay). */
  setMinInterval(host: string, ms: number): void {
    const s = this.state(host);
    s.intervalMs = Math.max(s.intervalMs, ms);
  }

  intervalOf(host: string): number {
    return this.state(host).intervalMs;
  }

  acquire(host: string): Promise<Release> {
    const s = this.state(host);
    return new Promise((resolve) => {
      s.waiters.push(() => {
        s.active++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          s.active--;
          this.pump(s);
        });
      });
      this.pump(s);
    });
  }

  private pump(s: HostState): void {
    if (s.timer || s.waiters.length === 0 || s.active >= this.concurrency) return;
    const now = performance.now();
    const wait = s.nextStart - now;
    if (wait > 0) {
      s.timer = setTimeout(() => { s.timer = null; this.pump(s); }, Math.ceil(wait));
      return;
    }
    s.nextStart = Math.max(now, s.nextStart) + s.intervalMs;
    s.waiters.shift()!();
    this.pump(s);
  }
}

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay in seconds for our user agent, if any. */
  crawlDelay(): number | undefined;
  sitemaps(): string[];
}

/** The product token robots.txt groups are matched against (`User-agent: naring-archive`). */
export const ROBOTS_AGENT = 'naring-archive';

export function parseRobots(robotsUrl: string, text: string): RobotsRules {
  const robot = robotsParser(robotsUrl, text);
  return {
    isAllowed: (url) => robot.isAllowed(url, ROBOTS_AGENT) !== false,
    crawlDelay: () => robot.getCrawlDelay(ROBOTS_AGENT),
    sitemaps: () => robot.getSitemaps(),
  };
}

/** What to do when robots.txt is missing (4xx: allow all) or fails (5xx/network: RFC 9309 says assume disallow). */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelay: () => undefined, sitemaps: () => [] };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelay: () => undefined, sitemaps: () => [] };
