/* colour.c - see colour.h. */
#include "colour.h"

#include <string.h>

const uint32_t colour_palette[COLOUR_PALETTE_N] = {0x12436D, 0x28A197, 0x801650,
                                                   0xF46A25, 0x3D3D3D, 0xA285D1};

static int S_hex(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

bool colour_parse(const char *hex, uint32_t *out)
{
    if (!hex || hex[0] != '#' || strlen(hex) != 7)
        return false;
    uint32_t v = 0;
    for (int i = 1; i < 7; i++) {
        int d = S_hex(hex[i]);
        if (d < 0)
            return false;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return true;
}

uint32_t colour_mix(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double x = (double)((a >> shift) & 0xFF), y = (double)((b >> shift) & 0xFF);
        double v = x + (y - x) * t + 0.5;
        out |= (uint32_t)(v < 0 ? 0 : v > 255 ? 255 : v) << shift;
    }
    return out;
}
