/**
 * The skill clusters of the analysis as a Plotly figure (the dashboards have none: the
 * clusters come from `jobbench analyze`, not from the market page). A heatmap: one row
 * per cluster, one column per skill that characterizes some cluster, the cell the share
 * of the cluster's postings asking for it (blank: not among the cluster's five most asked
 * skills, which is all the report keeps). Built on the dashboards' shared layout, drawn
 * by the same Plotly export as every other chart of the deck.
 */
import type { Clustering } from '../analysis/clustering.ts';
import { axis, baseLayout, type PlotlyFigure } from '../dashboards/figure-types.ts';
import { SEQUENTIAL_BLUES } from '../dashboards/palette.ts';
import { plotlyText } from '../dashboards/render/plotly-text.ts';

type OkClustering = Extract<Clustering, { status: 'ok' }>;

/** Skills shown: each cluster's three most characteristic (highest lift), in first-seen order. */
export function clusterSkills(clustering: OkClustering, perCluster = 3): string[] {
  const skills: string[] = [];
  for (const c of clustering.clusters) {
    const top = [...c.topSkills].sort((a, b) => b.lift - a.lift || b.share - a.share).slice(0, perCluster);
    for (const s of top) if (!skills.includes(s.skill)) skills.push(s.skill);
  }
  return skills;
}

export function clusterRowLabel(c: OkClustering['clusters'][number]): string {
  return `#${c.id} · ${c.size} postings (${Math.round(c.share * 100)} %)`;
}

export function clusterFigure(clustering: OkClustering): PlotlyFigure {
  const skills = clusterSkills(clustering);
  const rows = clustering.clusters.map((c) => skills.map((s) => c.topSkills.find((t) => t.skill === s)?.share ?? null));
  return {
    data: [
      {
        type: 'heatmap',
        x: skills.map(plotlyText),
        y: clustering.clusters.map((c) => plotlyText(clusterRowLabel(c))),
        z: rows,
        zmin: 0,
        zmax: 1,
        colorscale: SEQUENTIAL_BLUES.map((c, i) => [i / (SEQUENTIAL_BLUES.length - 1), c]),
        texttemplate: '%{z:.0%}',
        hovertemplate: '%{y}<br>%{x}: %{z:.0%} of its postings<extra></extra>',
        colorbar: { title: { text: 'share asking' }, tickformat: '.0%' },
      },
    ],
    layout: baseLayout(`Skill profiles (k-means, k = ${clustering.chosenK})`, {
      xaxis: axis('', { side: 'bottom', tickangle: -30 }),
      yaxis: axis('', { autorange: 'reversed' }),
      margin: { l: 230, r: 20, t: 60, b: 110 },
    }),
  };
}
