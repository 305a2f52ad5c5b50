/* fuzz_logo.c - libFuzzer harness for the cover logo's PNG check
 * (logo_from_png): the whole input is the file.
 *
 * Its promises: either it refuses with a sentence, or the clean copy it
 * returns is itself accepted, with the same size, and is a fixed point (a
 * clean copy of the clean copy is the same bytes) -- so what libharu and
 * the web page are given can never be what libpng would choke on. */
#include "load/logo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    logo_image img;
    char *why = NULL;
    if (!logo_from_png(data, size, &img, &why)) {
        if (!why || !*why || img.png)
            abort();
        free(why);
        return 0;
    }
    if (why || !img.png || !img.width || !img.height || img.width > LOGO_MAX_SIDE ||
        img.height > LOGO_MAX_SIDE)
        abort();
    logo_image again;
    char *why2 = NULL;
    if (!logo_from_png(img.png, img.len, &again, &why2))
        abort();
    if (again.width != img.width || again.height != img.height || again.len != img.len ||
        memcmp(again.png, img.png, img.len) != 0)
        abort();
    free(again.png);
    free(img.png);
    return 0;
}
