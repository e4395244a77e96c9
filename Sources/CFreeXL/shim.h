// FreeXL (Debian's libfreexl-dev): reads old Excel .xls (BIFF) workbooks.
#include <freexl.h>
