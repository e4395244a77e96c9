// libxlsxwriter (Debian's libxlsxwriter-dev): writes the results workbook.
#include <xlsxwriter.h>
