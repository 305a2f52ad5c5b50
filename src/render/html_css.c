/* html_css.c - the web edition's stylesheet, inlined into the page so that
 * the file stands alone.  After GOV.UK and the ONS's statistical bulletins:
 * the Arial / Liberation Sans system stack (the faces the charts were
 * measured with), 19 px text on wide screens and 16 px on phones, a measure
 * of about 70 characters, the house colours (colour.h) with the report's
 * accent, underlined links, GOV.UK's yellow-and-black focus, tables that
 * scroll inside their own region, a print stylesheet.  Every colour pair
 * meets WCAG AA (4.5:1 for text; the accent is darkened by html.c until
 * white on it and it on white reach 4.5:1).  Knows CSS; no document. */
#include "html_internal.h"

#include "../util/colour.h"

#include <stddef.h>

static const char *const S_sheet[] = {
    "*,*::before,*::after{box-sizing:border-box}\n",
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%;color-scheme:light}\n",
    "body{margin:0;background:#fff;color:var(--text);"
    "font-family:Arial,\"Liberation Sans\",Helvetica,sans-serif;font-size:1rem;line-height:1.5}\n",
    "@media (min-width:40.0625em){body{font-size:1.1875rem}}\n",
    /* A word too long for its line (a URL, a long name) breaks rather than
     * runs off the page; in a table only a cell marked long breaks one. */
    "body{overflow-wrap:break-word}\n.long{overflow-wrap:anywhere;min-width:8rem}\n",
    ".wrap{max-width:50rem;margin:0 auto;padding:0 1rem}\n",
    "@media (min-width:40.0625em){.wrap{padding:0 1.875rem}}\n",
    /* links and focus */
    "a{color:var(--accent);text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);"
    "text-underline-offset:.15em}\n",
    "a:hover{text-decoration-thickness:max(3px,.1875rem)}\n",
    "a:focus-visible,summary:focus-visible{outline:3px solid transparent;color:#0b0c0c;"
    "background:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}\n",
    ".table-region:focus-visible{outline:3px solid #0b0c0c;outline-offset:0;"
    "box-shadow:0 0 0 6px #fd0}\n",
    ".skip-link{position:absolute;left:-9999px;top:0;padding:.6rem 1rem;font-weight:bold}\n",
    ".skip-link:focus{position:static;display:block;left:auto}\n",
    ".skip-link:focus-visible{box-shadow:none;outline:3px solid #0b0c0c;outline-offset:-3px}\n",
    /* header */
    ".marking{margin:0;padding:.5rem 1rem;background:#fff;color:#900;font-weight:bold;"
    "text-align:center;border-bottom:.1875rem solid #900}\n",
    ".brand{background:#fff;padding:1rem 0}\n",
    ".brand img{display:block;max-height:4rem;width:auto;max-width:100%;height:auto}\n",
    ".masthead{background:var(--accent);color:#fff;padding:2rem 0 2.25rem;"
    "border-bottom:.5rem solid var(--accent-light)}\n",
    ".masthead p{margin:0}\n",
    ".masthead .area{font-weight:bold;font-size:1rem;letter-spacing:.08em;"
    "text-transform:uppercase}\n",
    ".masthead .area::after{content:\"\";display:block;width:3rem;height:.1875rem;"
    "background:#fff;margin:.6rem 0 1.25rem}\n",
    ".masthead .partnership{font-size:1.5rem;font-weight:bold;line-height:1.25}\n",
    ".masthead h1{font-size:2rem;line-height:1.15;margin:.4rem 0 .75rem;color:#fff}\n",
    ".masthead .period{font-size:1.125rem}\n",
    ".masthead .published{margin-top:1.25rem;font-size:1rem}\n",
    ".masthead .revised{margin-top:.25rem;font-size:1rem;font-weight:bold}\n",
    "@media (min-width:40.0625em){.masthead{padding:3rem 0 3.25rem}"
    ".masthead .partnership{font-size:2rem}.masthead h1{font-size:3rem}"
    ".masthead .period{font-size:1.375rem}}\n",
    /* contents */
    ".contents{padding:1.5rem 0 .5rem;border-bottom:1px solid var(--rule)}\n",
    ".contents h2{margin:0 0 1rem}\n",
    ".contents ol{list-style:none;margin:0;padding:0}\n",
    ".contents li{margin:0 0 .35rem;max-width:none}\n",
    ".contents .wrap>ol>li{margin-bottom:.75rem;font-weight:bold}\n",
    ".contents ol ol{margin:.35rem 0 0 2.25rem;font-weight:normal}\n",
    ".contents a{display:flex;text-decoration:none}\n"
    ".contents a .title{text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);"
    "text-underline-offset:.15em}\n"
    ".contents a:hover .title{text-decoration-thickness:max(3px,.1875rem)}\n"
    ".contents a:focus-visible .title{text-decoration:none}\n"
    ".contents .num{flex:0 0 2.25rem}\n"
    ".contents ol ol .num{flex-basis:2.75rem}\n",
    "@media (min-width:40.0625em){.contents .wrap>ol{columns:2 20rem;column-gap:2.5rem}"
    ".contents .wrap>ol>li{break-inside:avoid}}\n",
    /* text */
    "main{display:block;padding-bottom:2rem}\n",
    "h2,h3,h4,h5{font-weight:bold;color:var(--accent);overflow-wrap:break-word}\n",
    "h2{font-size:1.5rem;line-height:1.2;margin:2rem 0 1rem}\n",
    "h3{font-size:1.25rem;line-height:1.25;margin:2rem 0 .75rem}\n",
    "h4{font-size:1.125rem;line-height:1.3;margin:1.5rem 0 .5rem}\n",
    "h5{font-size:1rem;line-height:1.35;margin:1.25rem 0 .5rem;color:var(--text)}\n",
    "@media (min-width:40.0625em){h2{font-size:2.25rem}h3{font-size:1.5rem}"
    "h4{font-size:1.1875rem}h5{font-size:1.1875rem}}\n",
    ".contents h2{color:var(--text)}\n",
    "h3 .num,h4 .num{margin-right:.4em}\n",
    ".chapter{margin-top:3rem;padding-top:.25rem;border-top:1px solid var(--rule)}\n",
    ".chapter:first-child{margin-top:1rem;border-top:0}\n",
    ".chapter>h2{margin-top:1.5rem}\n",
    ".chapter>h2::after{content:\"\";display:block;width:3rem;height:.25rem;"
    "background:var(--accent);margin-top:.9rem}\n",
    ".chapter-label{display:block;font-size:1rem;letter-spacing:.06em;text-transform:uppercase;"
    "color:var(--muted);margin-bottom:.35rem}\n",
    "p,li,blockquote,.table-foot,.chart-description,figcaption{max-width:70ch}\n",
    "p{margin:0 0 1rem}\n",
    "ul,ol{margin:0 0 1rem;padding-left:1.5rem}\n",
    "li{margin-bottom:.4rem}\n",
    "li::marker{color:var(--accent)}\n",
    "ol>li::marker{color:var(--text)}\n",
    "li>p{margin-bottom:.4rem}\n",
    "blockquote{margin:0 0 1rem;padding:.25rem 0 .25rem 1rem;border-left:.3rem solid var(--rule);"
    "font-style:italic}\n",
    "blockquote p:last-child{margin-bottom:0}\n",
    "abbr[title]{text-decoration:underline dotted;text-underline-offset:.15em;cursor:help}\n",
    ".source{color:var(--muted);overflow-wrap:anywhere}\n",
    /* tables */
    ".table-region{overflow-x:auto;margin:1.75rem 0 .5rem;max-width:100%}\n",
    "table{border-collapse:collapse;border-spacing:0;width:100%;font-size:1rem;"
    "font-variant-numeric:tabular-nums}\n",
    "caption{text-align:left;font-weight:bold;font-size:1.0625rem;line-height:1.35;"
    "padding-bottom:.6rem;position:sticky;left:0;width:min(100%,calc(100vw - 2rem))}\n",
    "@media (min-width:40.0625em){caption{font-size:1.1875rem}}\n",
    "th,td{text-align:left;vertical-align:top;padding:.55rem .75rem .55rem 0;"
    "border-bottom:1px solid var(--rule)}\n",
    "@media (min-width:40.0625em){th,td{padding-right:1rem}}\n",
    "th:last-child,td:last-child{padding-right:0}\n",
    "thead th{vertical-align:bottom;border-bottom:2px solid var(--text);line-height:1.3}\n",
    "tbody th{font-weight:normal}\n",
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n",
    "thead th.num{white-space:normal}\n",
    "tr.total th,tr.total td{font-weight:bold;border-top:2px solid var(--text)}\n",
    ".table-foot{margin:0 0 1.75rem;font-size:1rem}\n",
    ".table-foot p{margin:.35rem 0;color:var(--muted)}\n",
    /* figures */
    "figure{margin:2rem 0}\n",
    "figcaption{margin-bottom:1rem}\n",
    ".figure-title{display:block;font-weight:bold;font-size:1.0625rem;line-height:1.35}\n",
    "@media (min-width:40.0625em){.figure-title{font-size:1.1875rem}}\n",
    ".figure-source{display:block;font-size:1rem;margin-top:.25rem}\n",
    "svg.chart{display:block;max-width:100%;height:auto;background:#fff;"
    "font-family:Arial,\"Liberation Sans\",Helvetica,sans-serif;font-kerning:none}\n",
    "svg.chart text{font-kerning:none}\n",
    "svg.chart-narrow{display:none}\n",
    "@media (max-width:40em){svg.chart-wide{display:none}svg.chart-narrow{display:block}}\n",
    ".chart-description{font-size:1rem;color:var(--muted);margin:1rem 0}\n",
    "details{margin:1rem 0 0}\n",
    "summary{display:inline-block;cursor:pointer;color:var(--accent);text-decoration:underline;"
    "text-underline-offset:.15em;padding-left:1.25rem;position:relative}\n",
    "summary::-webkit-details-marker{display:none}\n",
    "summary::marker{content:\"\"}\n",
    "summary::before{content:\"\";position:absolute;left:0;top:.3em;border-style:solid;"
    "border-width:.45em 0 .45em .75em;border-color:transparent transparent transparent currentColor}\n",
    "details[open]>summary::before{border-width:.75em .45em 0 .45em;"
    "border-color:currentColor transparent transparent transparent;top:.4em}\n",
    "summary:hover{text-decoration-thickness:3px}\n",
    ".details-body{border-left:.3rem solid var(--rule);padding:.25rem 0 .25rem 1rem;"
    "margin-top:.5rem}\n",
    ".details-body .table-region{margin-top:.5rem}\n",
    ".details-body .table-foot{margin-bottom:.5rem}\n",
    /* footer */
    ".page-footer{border-top:.3rem solid var(--accent);background:var(--light);"
    "padding:1.5rem 0 2rem;font-size:1rem}\n",
    ".page-footer p{margin:0 0 .35rem}\n",
    /* print: the wide drawing, no page furniture the paper cannot use */
    "@page{margin:18mm 16mm}\n",
    "@media print{body{font-size:11pt;line-height:1.4}.wrap{max-width:none;padding:0}"
    ".skip-link{display:none}"
    ".masthead{background:none;color:#000;border-bottom:3pt solid var(--accent);padding:0 0 12pt}"
    ".masthead h1{color:#000}.masthead .area::after{background:var(--accent)}"
    "a,.contents a .title{color:inherit;text-decoration:none}"
    ".contents .wrap>ol{columns:auto}.contents{break-after:page}"
    ".chapter{break-before:page;border-top:0}"
    "h2,h3,h4,h5,caption,figcaption{break-after:avoid}"
    "figure,tr,.table-foot p{break-inside:avoid}"
    "svg.chart-narrow{display:none!important}svg.chart-wide{display:block!important}"
    ".table-region{overflow:visible}"
    "details:not([open]){display:none}"
    ".page-footer{background:none}}\n",
};

void html_css(strbuf *b, uint32_t accent)
{
    sb_append(b, ":root{--accent:");
    html_colour(b, accent);
    sb_append(b, ";--accent-light:");
    html_colour(b, colour_mix(accent, COLOUR_WHITE, 0.45));
    sb_append(b, ";--text:");
    html_colour(b, COLOUR_TEXT);
    sb_append(b, ";--muted:");
    html_colour(b, COLOUR_MUTED);
    sb_append(b, ";--rule:");
    html_colour(b, COLOUR_RULE);
    sb_append(b, ";--light:");
    html_colour(b, COLOUR_LIGHT);
    sb_append(b, "}\n");
    for (size_t i = 0; i < sizeof S_sheet / sizeof S_sheet[0]; i++)
        sb_append(b, S_sheet[i]);
}
