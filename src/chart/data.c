/* data.c - a chart's numbers for a table beside the drawing (chart.h:
 * chart_ncategories() ... chart_value_text()), so that a writer can offer
 * the data of a chart as text.  Values are formatted by chart_fmt.c, the
 * same text the drawing labels them with.  Knows the chart model; no
 * layout, no painter. */
#include "chart_model.h"

size_t chart_ncategories(const chart *c) { return c->ncats; }
size_t chart_nseries(const chart *c) { return c->nseries; }

const char *chart_category(const chart *c, size_t i)
{
    return i < c->ncats ? c->cats[i] : "";
}

const char *chart_category_heading(const chart *c) { return c->cathead ? c->cathead : ""; }

const char *chart_series_name(const chart *c, size_t k)
{
    return k < c->nseries ? c->series[k].name : "";
}

const char *chart_subtitle(const chart *c) { return c->subtitle ? c->subtitle : ""; }

int chart_suppressed_below(const chart *c) { return c->suppressed_below; }

const char *chart_grouping(const chart *c) { return c->grouping; }

chart_cell chart_value_text(const chart *c, size_t k, size_t i, char **text)
{
    *text = NULL;
    if (k >= c->nseries || i >= c->ncats)
        return CHART_CELL_MISSING;
    const chart_series *s = &c->series[k];
    switch ((chart_vstate)s->state[i]) {
    case CHART_V_OK:
        *text = chart_fmt_value(s->v[i], c->unit, -1);
        return CHART_CELL_VALUE;
    case CHART_V_LOW_BASE:
        return CHART_CELL_LOW_BASE;
    case CHART_V_SUPPRESSED:
        return CHART_CELL_SUPPRESSED;
    case CHART_V_MISSING:
        break;
    }
    return CHART_CELL_MISSING;
}
