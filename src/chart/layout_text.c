/* layout_text.c - placing text for the layout: anchored single lines and
 * wrapped paragraphs, measured with font.c.  Shared by layout.c (the frame)
 * and layout_plot.c (the plot); calls neither.  Knows ops and fonts; no
 * chart model, no painter. */
#include "layout.h"

void cl_text(oplist *ol, double x, double baseline, const char *text, op_font f,
             double size, uint32_t colour, cl_anchor a)
{
    if (!text || !*text)
        return;
    double w = a == CL_START ? 0 : chart_text_width(text, f, size);
    if (a == CL_MIDDLE)
        x -= w / 2;
    else if (a == CL_END)
        x -= w;
    ops_text(ol, x, baseline, text, f, size, colour);
}

double cl_para(oplist *ol, const char *text, op_font f, double size, uint32_t colour,
               double x, double y, double w)
{
    char **lines;
    size_t n = chart_wrap(text, f, size, w, &lines);
    double lh = size * CL_LINE_GAP;
    for (size_t i = 0; i < n; i++) {
        y += lh;
        /* Baseline sits a fifth of the line height above the line's bottom. */
        cl_text(ol, x, y - lh * 0.22, lines[i], f, size, colour, CL_START);
    }
    chart_lines_free(lines, n);
    return y;
}
