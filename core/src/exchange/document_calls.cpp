// The public document functions (report_document.hpp, ics_export.hpp), made by the documents module
// (document_module.hpp). A module that cannot be loaded is an installation fault: it is thrown, and the
// command or the view that asked says it in words.
#include <mutex>
#include <stdexcept>

#include "document_module.hpp"

// Defined when the program links the documents' code itself: then nothing is loaded.
extern "C" const alsmeds::DocumentModule* alsmeds_document_module() __attribute__((weak));

namespace alsmeds {
namespace {

const DocumentModule& documents_module() {
  static std::once_flag once;
  static Result<const DocumentModule*> loaded = fail("not loaded");
  std::call_once(once, [] {
    loaded = program_module_table(alsmeds_document_module != nullptr ? alsmeds_document_module() : nullptr,
                                  "alsmeds_documents.so", "alsmeds_document_module", kDocumentModuleAbi,
                                  "the documents module", "needed for PDF, HTML, SVG and iCalendar files");
  });
  if (!loaded) throw std::runtime_error(loaded.error());
  return **loaded;
}

}  // namespace

std::string adherence_pdf(const std::vector<AdherenceRow>& rows, const std::vector<std::size_t>& charted,
                          const ReportHeader& header) {
  return documents_module().adherence_pdf(rows, charted, header);
}

std::string adherence_html(const std::vector<AdherenceRow>& rows, const std::vector<std::size_t>& charted,
                           const ReportHeader& header) {
  return documents_module().adherence_html(rows, charted, header);
}

std::string table_pdf(const RecordTable& table, const ReportHeader& header) {
  return documents_module().table_pdf(table, header);
}

std::string row_charts_svg(const AdherenceRow& row, const Period& period) {
  return documents_module().row_charts_svg(row, period);
}

std::string ics_calendar(const PatientFacts& facts, const IcsRequest& request) {
  return documents_module().ics_calendar(facts, request);
}

}  // namespace alsmeds
