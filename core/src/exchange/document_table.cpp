// The documents module's table (document_module.hpp): compiled into alsmeds_documents.so only.
#include "document_module.hpp"

extern "C" const alsmeds::DocumentModule* alsmeds_document_module() {
  using namespace alsmeds;
  static const DocumentModule kModule{.stamp = {kDocumentModuleAbi, kSchemaVersion},
                                      .adherence_pdf = documents::adherence_pdf,
                                      .adherence_html = documents::adherence_html,
                                      .table_pdf = documents::table_pdf,
                                      .row_charts_svg = documents::row_charts_svg,
                                      .ics_calendar = documents::ics_calendar};
  return &kModule;
}
