/**
 * Renders Plotly figure definitions to images with Plotly's own export (`Plotly.toImage`)
 * inside a page of a headless browser, so a slide or a report shows exactly the figure a
 * dashboard draws, with no second charting code. The caller brings the page (playwright's
 * `Page` fits): the dashboards stay free of a browser driver at run time, and the caller
 * decides which Chromium runs and when it closes.
 */
import type { PlotlyFigure } from '../figure-types.ts';
import { vendorScripts } from './vendor.ts';

/** What this needs of a browser page; a playwright `Page` satisfies it. */
export interface ImagePage {
  setContent(html: string): Promise<unknown>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export type ImageFormat = 'png' | 'svg';

export interface FigureImageRequest {
  figure: PlotlyFigure;
  /** CSS pixels of the figure, as it would be laid out on a page. */
  width: number;
  height: number;
}

export interface FigureImageOptions {
  format: ImageFormat;
  /** Pixel density of a PNG (2 = sharp on a projector); ignored for SVG. */
  scale?: number;
}

/** The image bytes: PNG, or SVG text as UTF-8. */
export type FigureImage = Buffer;

interface ToImageArgs {
  figure: PlotlyFigure;
  width: number;
  height: number;
  format: ImageFormat;
  scale: number;
}

/**
 * Loads Plotly once into the page, then exports each figure in order. A figure Plotly
 * cannot draw rejects the whole call with Plotly's message: a deck must not ship a hole.
 */
export async function renderFigureImages(
  page: ImagePage,
  requests: readonly FigureImageRequest[],
  options: FigureImageOptions,
): Promise<FigureImage[]> {
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  for (const script of await vendorScripts('plotly')) await page.addScriptTag({ content: script });
  const images: FigureImage[] = [];
  for (const request of requests) {
    const dataUrl = await page.evaluate(
      // Runs in the page: Plotly.toImage accepts a figure object and lays it out off-screen.
      (a: ToImageArgs) =>
        (globalThis as unknown as { Plotly: { toImage(fig: unknown, opts: unknown): Promise<string> } }).Plotly.toImage(
          { data: a.figure.data, layout: a.figure.layout },
          { format: a.format, width: a.width, height: a.height, scale: a.scale },
        ),
      {
        figure: request.figure,
        width: request.width,
        height: request.height,
        format: options.format,
        scale: options.scale ?? 1,
      },
    );
    images.push(decodeDataUrl(dataUrl));
  }
  return images;
}

/** Plotly returns PNG as base64 and SVG as a percent-encoded data URL. */
export function decodeDataUrl(dataUrl: string): Buffer {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0)
    throw new Error(`Plotly.toImage returned no data URL (${dataUrl.slice(0, 40)})`);
  const header = dataUrl.slice(0, comma);
  const body = dataUrl.slice(comma + 1);
  return header.endsWith(';base64') ? Buffer.from(body, 'base64') : Buffer.from(decodeURIComponent(body), 'utf8');
}
