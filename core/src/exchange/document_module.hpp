#pragma once
// The documents (report PDF, HTML and SVG drawn with cairo; iCalendar written with libical) are a module of
// their own, alsmeds_documents.so, loaded the first time a program makes one (program_modules.hpp): a command
// that writes no document never maps cairo, X11, fontconfig, libical and ICU.
#include <cstddef>
#include <string>
#include <vector>

#include "../storage/program_modules.hpp"
#include "alsmeds/exchange/ics_export.hpp"
#include "alsmeds/exchange/report_document.hpp"

namespace alsmeds {

inline constexpr int kDocumentModuleAbi = 1;  // changes whenever DocumentModule does

struct DocumentModule {
  ModuleStamp stamp{kDocumentModuleAbi, kSchemaVersion};
  std::string (*adherence_pdf)(const std::vector<AdherenceRow>& rows, const std::vector<std::size_t>& charted,
                               const ReportHeader& header) = nullptr;
  std::string (*adherence_html)(const std::vector<AdherenceRow>& rows,
                                const std::vector<std::size_t>& charted,
                                const ReportHeader& header) = nullptr;
  std::string (*table_pdf)(const RecordTable& table, const ReportHeader& header) = nullptr;
  std::string (*row_charts_svg)(const AdherenceRow& row, const Period& period) = nullptr;
  std::string (*ics_calendar)(const PatientFacts& facts, const IcsRequest& request) = nullptr;
};

// The module's side (report_document.cpp, ics_export.cpp): what its table points to.
namespace documents {
std::string adherence_pdf(const std::vector<AdherenceRow>& rows, const std::vector<std::size_t>& charted,
                          const ReportHeader& header);
std::string adherence_html(const std::vector<AdherenceRow>& rows, const std::vector<std::size_t>& charted,
                           const ReportHeader& header);
std::string table_pdf(const RecordTable& table, const ReportHeader& header);
std::string row_charts_svg(const AdherenceRow& row, const Period& period);
std::string ics_calendar(const PatientFacts& facts, const IcsRequest& request);
}  // namespace documents

}  // namespace alsmeds

/// The module's one exported entry.
extern "C" const alsmeds::DocumentModule* alsmeds_document_module();
