// Renders a chart spec to PNG on the server: ECharts' SVG renderer without a DOM, then resvg with the bundled CJK font.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { CHART_FONT_BASE64, CHART_FONT_FAMILY } from './font.ts';
import { CHART_SIZE, type ChartSpec } from './specs.ts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

/** Drawn at twice the size the email shows, so charts stay sharp on phone screens. */
export const PIXEL_RATIO = 2;
let fontFile: string | undefined;

/** resvg-js reads fonts from files only: the bundled subset is written once per process to a private temp folder. */
function chartFontFile(): string {
  if (!fontFile) {
    const file = join(mkdtempSync(join(tmpdir(), 'rm-radar-font-')), 'chart-font.otf');
    writeFileSync(file, Buffer.from(CHART_FONT_BASE64, 'base64'));
    fontFile = file;
  }
  return fontFile;
}

export { CHART_FONT_FAMILY };

export function renderSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_SIZE.width, height: CHART_SIZE.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * resvg-js is a native module, loaded on the first chart: the function's other code (and a cold start
 * that sends nothing) does not pay for it, and the bundle imports on machines without its binary.
 */
let resvgModule: Promise<typeof import('@resvg/resvg-js')> | undefined;

/** The chart as a PNG of CHART_SIZE × PIXEL_RATIO; only the bundled font is used, so output is the same everywhere. */
export async function renderPng(spec: ChartSpec): Promise<Buffer> {
  resvgModule ??= import('@resvg/resvg-js');
  const { Resvg } = await resvgModule;
  const resvg = new Resvg(renderSvg(spec), {
    background: '#ffffff',
    fitTo: { mode: 'width', value: CHART_SIZE.width * PIXEL_RATIO },
    font: { fontFiles: [chartFontFile()], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  });
  return resvg.render().asPng();
}
