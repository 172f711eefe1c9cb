/**
 * The report in a real browser: Debian's Chromium, headless, driven by playwright-core.
 *
 * A small seeded run of the model (tests/report/fixtures/small-run.yaml: the baseline
 * through 2028, 200 paths) is written to a temporary folder, its report opened from a
 * file:// URL. The page must load with no console error or warning, no page error and no
 * request but the page itself (it is offline by design); every chart must have an SVG with
 * data marks of non-zero size; the page must not overflow the window sideways. A full-page
 * screenshot is saved to test-artifacts/report.png.
 *
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH): `apt-get install chromium`
 * (.ci/run installs it). Without it this test fails; it never skips. Needs `npm run build`
 * (the model runs from dist/, as in `npm test`).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/api/index.js";
import { writeReport, type WriteReportResult } from "../../src/report/index.js";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const SCENARIO = fileURLToPath(new URL("./fixtures/small-run.yaml", import.meta.url));
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const VIEWPORT = { width: 1200, height: 900 };

let root: string;
let report: WriteReportResult;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium; .ci/run does), or set CHROMIUM_PATH`);
  }
  root = await mkdtemp(join(tmpdir(), "exodus-report-browser-"));
  const run = await runScenario(SCENARIO, { out: join(root, "run"), workers: 0 });
  report = await writeReport(run.out);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe("report.html in headless Chromium", () => {
  it("loads offline with no console error, page error or request but itself; every chart has marks; screenshot saved", async () => {
    expect(report.warnings).toEqual([]);
    const page = await browser!.newPage({ viewport: VIEWPORT });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? "?"})`));
    page.on("request", (r) => requests.push(r.url()));
    const url = pathToFileURL(report.path).href;
    const response = await page.goto(url, { waitUntil: "load" });
    expect(response?.ok()).toBe(true);

    // In-page scripts as text: the project's TypeScript has no DOM types.
    const charts = (await page.evaluate(`
      [...document.querySelectorAll("figure.chart")].map((fig) => {
        const svg = fig.querySelector("svg");
        const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
        const marks = svg ? [...svg.querySelectorAll("g.role-mark > *")] : [];
        const drawn = marks.filter((el) => { const b = el.getBBox(); return b.width > 0 || b.height > 0; });
        return { id: fig.dataset.chart || "", width: box.width, height: box.height, marks: drawn.length };
      })
    `)) as Array<{ id: string; width: number; height: number; marks: number }>;
    const overflow = (await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")) as number;

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    await page.close();

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    expect(charts.map((c) => c.id)).toEqual(report.charts);
    expect(report.charts).toEqual(expect.arrayContaining(["fan-hashrate", "fan-difficulty", "fan-hashprice", "fan-btc-price", "mw-ai-vs-mining", "hist-adjustment", "hist-epoch-duration"]));
    for (const c of charts) {
      expect(c.width, c.id).toBeGreaterThan(200);
      expect(c.height, c.id).toBeGreaterThan(100);
      expect(c.marks, c.id).toBeGreaterThan(0);
    }
    expect(overflow).toBeLessThanOrEqual(0);
    expect(existsSync(join(ARTIFACTS, "report.png"))).toBe(true);
  });
});
