import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type HandlebarsNamespace from 'handlebars';
import { AtomicFileStream } from '../../io/atomic.js';
import type { GradingProfile } from '../../names.js';
import { templatesDir } from '../../paths.js';
import type { Reporter, RequestResult, RunInfo, RunTotals } from '../types.js';
import { Dashboard } from './dashboard.js';
import { markdownToHtml } from './markdown.js';
import { outcomeOf, requestView } from './request-view.js';

/** templates/reports/html/: the page head, one block per request, then the dashboard and the page end. */
export const HTML_TEMPLATES_DIR = path.join(templatesDir, 'reports', 'html');

type Template = ReturnType<typeof HandlebarsNamespace.compile>;

interface Templates {
  pageStart: Template;
  request: Template;
  pageEnd: Template;
}

/**
 * A self-contained HTML page for people: run info, every request in its folder with its checks, its request
 * and its answer (headers and bodies, as masked and cut by the run), then the dashboard and the tabs (written
 * last, shown first by CSS; a failing run opens on its failed requests). Streamed: it holds one request at a
 * time and a few counters per folder. Rendered from templates/reports/html/*.hbs with Handlebars' HTML
 * escaping on, so nothing a tenant answers can inject markup; the page loads nothing and runs no script.
 */
export class HtmlReporter implements Reporter {
  private file: AtomicFileStream | undefined;
  private folder: string | undefined;
  private descriptions = new Map<string, string>();
  private readonly dashboard = new Dashboard();
  private profile: GradingProfile = 'strict';

  private constructor(
    private readonly path: string,
    private readonly templates: Templates,
  ) {}

  static async create(file: string): Promise<HtmlReporter> {
    // Loaded here, not at the top: the CLI starts without Handlebars when no html report is asked for.
    const { default: Handlebars } = await import('handlebars');
    const engine = Handlebars.create();
    const load = async (name: string): Promise<string> =>
      readFile(path.join(HTML_TEMPLATES_DIR, `${name}.hbs`), 'utf8');
    const [pageStart, request, message, pageEnd] = await Promise.all(
      ['page-start', 'request', 'message', 'page-end'].map(load),
    );
    engine.registerPartial('message', message!);
    // Default options: HTML escaping stays on for every {{value}} (never noEscape here).
    const templates = {
      pageStart: engine.compile(pageStart!),
      request: engine.compile(request!),
      pageEnd: engine.compile(pageEnd!),
    };
    const reporter = new HtmlReporter(file, templates);
    // Opened last: nothing is left behind when the templates cannot be read.
    reporter.file = await AtomicFileStream.open(file);
    return reporter;
  }

  start(info: RunInfo): void {
    this.profile = info.gradingProfile;
    this.descriptions = new Map(info.folders?.map((folder) => [folder.name, folder.description]));
    this.file!.write(this.templates.pageStart({ ...info, startedAt: new Date().toISOString() }));
  }

  request(result: RequestResult): void {
    const outcome = outcomeOf(result);
    this.dashboard.add(result, outcome);
    const newFolder = result.folder !== this.folder;
    const closeFolder = newFolder && this.folder !== undefined;
    this.folder = result.folder;
    const description = newFolder ? this.descriptions.get(result.folder) : undefined;
    this.file!.write(
      this.templates.request({
        ...requestView(result, outcome),
        openFolder: newFolder,
        closeFolder,
        // Escaped by markdownToHtml, which adds only its few tags.
        descriptionHtml: description ? markdownToHtml(description) : '',
      }),
    );
  }

  async end(totals: RunTotals): Promise<void> {
    this.file!.write(
      this.templates.pageEnd({ ...this.dashboard.view(totals, this.profile), folderOpen: this.folder !== undefined }),
    );
    await this.file!.commit();
  }

  async abort(): Promise<void> {
    await this.file?.discard();
  }

  toString(): string {
    return this.path;
  }
}
