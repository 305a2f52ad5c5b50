/* colour.h - the house colours, written once.
 *
 * After the Government Analysis Function's guidance: its categorical
 * palette in its order, dark text, a muted grey still 7:1 on white, light
 * rules and grounds.  The report's accent (report.ini [style] accent)
 * replaces the first palette colour and colours headings.  Colours are
 * 0xRRGGBB.  Every writer and the chart painters read these; none writes
 * a colour of its own. */
#ifndef ANNREP_COLOUR_H
#define ANNREP_COLOUR_H

#include <stdbool.h>
#include <stdint.h>

#define COLOUR_PALETTE_N 6
extern const uint32_t colour_palette[COLOUR_PALETTE_N];

#define COLOUR_ACCENT_DEFAULT 0x12436Du /* the palette's first colour */
#define COLOUR_TEXT 0x0B0C0Cu
#define COLOUR_MUTED 0x505A5Fu   /* secondary text: 7:1 on white */
#define COLOUR_RULE 0xB1B4B6u    /* table rules, dot leaders */
#define COLOUR_LIGHT 0xF3F2F1u   /* table header ground, quote bar */
#define COLOUR_WHITE 0xFFFFFFu
#define COLOUR_CONTEXT 0xBFBFBFu /* a chart's background series (capacity) */
#define COLOUR_GRID 0xD9D9D9u
#define COLOUR_AXIS 0x3D3D3Du

/* Parse "#RRGGBB" (case-insensitive hex digits).  False, *out unchanged,
 * when the text is anything else. */
bool colour_parse(const char *hex, uint32_t *out);

/* a mixed towards b by t (0: a, 1: b), per channel, rounded. */
uint32_t colour_mix(uint32_t a, uint32_t b, double t);

#endif
