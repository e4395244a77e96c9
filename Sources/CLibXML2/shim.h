// libxml2 (Debian's libxml2-dev), used only from C (Sources/CXMLStream): its headers pull in ICU,
// which clashes with Foundation's own copy when imported into Swift.
#include <libxml/xmlversion.h>
