/* pdf_error.c - libharu's failures in words, and writing the finished PDF
 * with errno kept.  libharu 2.3.0 reports an error as a number
 * (hpdf_error.h); a reader needs to know whether the disk is full, memory
 * ran out or the font is damaged.  Knows libharu's codes and files;
 * nothing about pages. */
#include "pdf_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

const char *pdf_lib_error_text(HPDF_STATUS status)
{
    switch (status) {
    case HPDF_OK:
        return "no error was reported";
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    case HPDF_FILE_IO_ERROR:
        return "writing or reading a file failed (a full disk, or a file-size limit?)";
    case HPDF_FILE_OPEN_ERROR:
        return "a file could not be opened";
    case HPDF_INVALID_PNG_IMAGE:
    case HPDF_LIBPNG_ERROR:
    case HPDF_INVALID_IMAGE:
    case HPDF_INVALID_COLOR_SPACE:
    case HPDF_INVALID_BIT_PER_COMPONENT:
    case HPDF_CANNOT_GET_PALLET:
        return "the PNG image could not be read";
    case HPDF_INVALID_TTC_FILE:
    case HPDF_INVALID_TTC_INDEX:
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONTDEF_DATA:
    case HPDF_INVALID_FONT_NAME:
    case HPDF_FONT_INVALID_WIDTHS_TABLE:
    case HPDF_UNSUPPORTED_FONT_TYPE:
        return "the font file could not be read or embedded (a damaged or wrong font in "
               "fonts/?)";
    case HPDF_PAGE_INVALID_FONT:
    case HPDF_PAGE_FONT_NOT_FOUND:
    case HPDF_PAGE_INVALID_FONT_SIZE:
        return "text was set without a usable font (an internal error)";
    case HPDF_STRING_OUT_OF_RANGE:
    case HPDF_NAME_OUT_OF_RANGE:
    case HPDF_BINARY_LENGTH_ERR:
        return "a piece of text is longer than a PDF can hold";
    case HPDF_REAL_OUT_OF_RANGE:
    case HPDF_PAGE_INVALID_SIZE:
    case HPDF_PAGE_OUT_OF_RANGE:
        return "a position or size on a page is out of range (an internal error)";
    case HPDF_EXCEED_GSTATE_LIMIT:
    case HPDF_PAGE_CANNOT_RESTORE_GSTATE:
        return "drawing states were nested too deeply (an internal error)";
    case HPDF_INVALID_ENCODER:
    case HPDF_INVALID_ENCODER_TYPE:
    case HPDF_INVALID_ENCODING_NAME:
        return "the text encoding was refused (an internal error)";
    default: {
        static char buf[96];
        snprintf(buf, sizeof buf, "an internal error of the PDF library (libharu code 0x%04X)",
                 (unsigned)status);
        return buf;
    }
    }
}

annrep_status pdf_save(HPDF_Doc pdf, const char *path)
{
    if (HPDF_SaveToStream(pdf) != HPDF_OK)
        return ANNREP_ERR_LIBRARY;
    HPDF_ResetStream(pdf);
    errno = 0;
    FILE *f = fopen(path, "wb");
    if (!f)
        return ANNREP_ERR_IO;
    unsigned char buf[65536];
    bool ok = true;
    for (;;) {
        HPDF_UINT32 n = sizeof buf;
        HPDF_STATUS st = HPDF_ReadFromStream(pdf, buf, &n);
        if (n > 0 && fwrite(buf, 1, n, f) != n) {
            ok = false;
            break;
        }
        if (st == HPDF_STREAM_EOF)
            break;
        if (st != HPDF_OK) {
            fclose(f);
            return ANNREP_ERR_LIBRARY;
        }
    }
    int err = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok)
        return ANNREP_OK;
    errno = err ? err : EIO;
    return ANNREP_ERR_IO;
}
