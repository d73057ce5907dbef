// A whole import (import_csv, import_csv_file): the patients a file names read once, its rows checked by the
// rules of the command that records one, then written in one transaction. A doses file is read a batch at a
// time, twice: once for its shape and its patients (nothing written), once to check and write each batch,
// so a file of any size is imported in bounded memory (docs/cli.md, "import").
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "alsmeds/exchange/import_rows.hpp"
#include "alsmeds/regimens/regimens.hpp"
#include "alsmeds/text.hpp"
#include "import_parts.hpp"

namespace alsmeds {
namespace {

// The patients an import names, each read from the store once: what the checks of every row read. Once
// frozen (every MRN of the file asked for), it only reads: the checks run on several threads.
class ImportPatients {
 public:
  ImportPatients(RecordStore& store, bool with_log) : store_(store), with_log_(with_log) {}

  const ImportPatient* get(const std::string& mrn) {
    auto it = cache_.find(mrn);
    if (it != cache_.end()) return it->second.get();
    if (frozen_) return nullptr;  // not in the file when it was first read: refused as unknown
    std::unique_ptr<ImportPatient> entry;
    if (auto p = store_.find_patient_by_mrn(mrn)) {
      entry = std::make_unique<ImportPatient>();
      entry->patient = *p;
      auto zone = find_zone(p->tz);
      entry->zone = zone ? *zone : nullptr;
      entry->therapies = store_.therapies(p->id);
      entry->closed = store_.closed_days(p->id);
      if (with_log_) entry->log = current_entries(store_.log_entries(p->id));
      if (!entry->zone) entry.reset();
    }
    return (cache_[mrn] = std::move(entry)).get();
  }
  PatientByMrn lookup() {
    return [this](const std::string& mrn) { return get(mrn); };
  }
  void freeze() { frozen_ = true; }
  const std::map<std::string, std::unique_ptr<ImportPatient>>& all() const { return cache_; }

 private:
  RecordStore& store_;
  bool with_log_;
  bool frozen_ = false;
  std::map<std::string, std::unique_ptr<ImportPatient>> cache_;
};

// A file's rows a batch at a time, from its first row again after each rewind().
class CsvSource {
 public:
  virtual ~CsvSource() = default;
  virtual Result<bool> rewind() = 0;
  /// The next batch, or nullptr after the last; every batch has the header.
  virtual Result<const CsvTable*> next() = 0;
  /// The header, once the first next() has returned.
  virtual const std::vector<std::string>& header() const = 0;
};

// Text already in memory: one batch.
class TextRows final : public CsvSource {
 public:
  explicit TextRows(CsvTable table) : table_(std::move(table)) {}
  Result<bool> rewind() override {
    given_ = false;
    return true;
  }
  Result<const CsvTable*> next() override {
    if (given_) return static_cast<const CsvTable*>(nullptr);
    given_ = true;
    return &table_;
  }
  const std::vector<std::string>& header() const override { return table_.header; }

 private:
  CsvTable table_;
  bool given_ = false;
};

// A file read about `block` bytes at a time (CsvFileReader).
class FileRows final : public CsvSource {
 public:
  FileRows(std::string path, std::size_t block) : path_(std::move(path)), block_(block) {}
  Result<bool> rewind() override {
    auto reader = CsvFileReader::open(path_, block_);
    if (!reader) return fail(reader.error());
    reader_ = std::move(reader).value();
    return true;
  }
  Result<const CsvTable*> next() override {
    auto more = reader_->next(batch_);
    if (!more) return fail(more.error());
    header_ = batch_.header;
    if (!*more) return static_cast<const CsvTable*>(nullptr);
    return &batch_;
  }
  const std::vector<std::string>& header() const override { return header_; }

 private:
  std::string path_;
  std::size_t block_;
  std::unique_ptr<CsvFileReader> reader_;
  CsvTable batch_;
  std::vector<std::string> header_;
};

// Rows checked and written, batch after batch, into one LogImport; repeats looked for across the whole file.
class DoseBatches {
 public:
  DoseBatches(LogImport& import, const std::vector<std::string>& header) : import_(import) {
    anchored_.header = header;
  }
  void add_recorded(const std::vector<LogEntry>& log) { repeats_.add_recorded(log); }
  void reserve(std::size_t doses) { repeats_.reserve(doses); }

  // A drug whose plan reads the doses given (tofersen) is checked last: its rows' planned doses count the
  // doses given on earlier days anywhere in the file.
  Result<bool> write(const CsvTable& batch, std::vector<LogEntry> rows) {
    std::vector<LogEntry> now;
    std::vector<const CsvRow*> rows_csv;
    now.reserve(rows.size());
    rows_csv.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].drug && regimen(*rows[i].drug).plan_reads_log) {
        anchored_.rows.push_back(batch.rows[i]);
        anchored_rows_.push_back(std::move(rows[i]));
        continue;
      }
      now.push_back(std::move(rows[i]));
      rows_csv.push_back(&batch.rows[i]);
    }
    return write_checked(now, rows_csv);
  }

  Result<bool> finish(int mrn, const PatientByMrn& lookup) {
    match_anchored_doses(anchored_, mrn, anchored_rows_, lookup);
    std::vector<const CsvRow*> rows_csv;
    for (const CsvRow& row : anchored_.rows) rows_csv.push_back(&row);
    return write_checked(anchored_rows_, rows_csv);
  }

 private:
  Result<bool> write_checked(const std::vector<LogEntry>& rows, const std::vector<const CsvRow*>& rows_csv) {
    std::vector<std::size_t> lines(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) lines[i] = rows_csv[i]->line;
    if (auto repeat = repeats_.next_batch(rows, lines))
      return fail(repeat_message(*rows_csv[repeat->row], *repeat, rows[repeat->row],
                                 repeat->earlier_row.value_or(0)));
    return import_.add(rows, lines);
  }

  LogImport& import_;
  RepeatedDoseSearch repeats_;
  CsvTable anchored_;
  std::vector<LogEntry> anchored_rows_;
};

Result<std::size_t> import_doses(RecordStore& store, CsvSource& file, const Actor& actor,
                                 const Progress& progress, const std::string& source) {
  // First reading: the whole file is CSV with its columns, and the patients it names are read, before
  // anything is written.
  ImportPatients patients(store, true);
  std::size_t count = 0;
  int mrn = -1;
  if (auto ok = file.rewind(); !ok) return fail(ok.error());
  while (true) {
    auto batch = file.next();
    if (!batch) return fail(batch.error());
    if (*batch == nullptr) break;
    const CsvTable& t = **batch;
    if (mrn < 0) {
      auto cols = import_columns(t, {"mrn", "drug", "at", "status"});
      if (!cols) return fail(cols.error());
      mrn = (*cols)[0];
    }
    for (const CsvRow& row : t.rows) patients.get(row.fields[static_cast<std::size_t>(mrn)]);
    count += t.rows.size();
  }
  patients.freeze();
  CsvTable head;
  head.header = file.header();
  auto cols = import_columns(head, {"mrn", "drug", "at", "status"});
  if (!cols) return fail(cols.error());
  mrn = (*cols)[0];
  const int note = head.column("note");
  // Second reading: each batch checked, then written inside the one transaction; a refusal anywhere rolls
  // back every batch before it.
  auto import = store.begin_log_import(actor, source, count, progress);
  if (!import) return fail(import.error());
  DoseBatches batches(**import, head.header);
  std::size_t recorded = 0;
  for (const auto& [key, patient] : patients.all())
    if (patient) recorded += patient->log.size();
  batches.reserve(recorded + count);
  for (const auto& [key, patient] : patients.all())
    if (patient) batches.add_recorded(patient->log);
  if (auto ok = file.rewind(); !ok) return fail(ok.error());
  const PatientByMrn lookup = patients.lookup();
  while (true) {
    auto batch = file.next();
    if (!batch) return fail(batch.error());
    if (*batch == nullptr) break;
    auto rows = checked_dose_rows(**batch, *cols, note, lookup, actor.now);
    if (!rows) return fail(rows.error());
    if (auto ok = batches.write(**batch, std::move(rows).value()); !ok) return fail(ok.error());
  }
  if (auto ok = batches.finish(mrn, lookup); !ok) return fail(ok.error());
  auto written = (*import)->commit();
  if (written && progress) progress(*written, *written);  // the end, said once
  return written;
}

bool known_kind(std::string_view kind) {
  return kind == "patients" || kind == "doses" || kind == "dispensing";
}

}  // namespace

Result<std::size_t> import_csv(RecordStore& store, std::string_view kind, std::string_view text,
                               const Actor& actor, const Progress& progress, const std::string& source,
                               std::vector<std::string>* warnings) {
  if (!known_kind(kind)) return fail(quote_short(kind) + " is not an import (patients, doses or dispensing)");
  auto csv = parse_csv(text);
  if (!csv) return fail(csv.error());
  if (kind == "doses") {
    TextRows rows(std::move(csv).value());
    return import_doses(store, rows, actor, progress, source);
  }
  ImportPatients patients(store, kind != "patients");
  const PatientByMrn lookup = patients.lookup();
  if (kind == "patients") {
    auto rows = patients_from_csv(*csv, lookup, actor.now);
    if (!rows) return fail(rows.error());
    return store.import_patients(*rows, actor, progress, source);
  }
  auto rows = dispensings_from_csv(*csv, lookup, actor.now, warnings);
  if (!rows) return fail(rows.error());
  return store.import_log(*rows, actor, progress, source);
}

Result<std::size_t> import_csv_file(RecordStore& store, std::string_view kind, const std::string& path,
                                    const Actor& actor, const Progress& progress, const std::string& source,
                                    std::vector<std::string>* warnings, std::size_t block) {
  if (!known_kind(kind)) return fail(quote_short(kind) + " is not an import (patients, doses or dispensing)");
  if (kind == "doses") {
    FileRows rows(path, block);
    return import_doses(store, rows, actor, progress, source);
  }
  // Patients and dispensings: files of a clinic's size, read whole.
  std::string text;
  {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return fail("cannot read " + quote_short(path, 200));
    char buf[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, got);
    const bool bad = std::ferror(f) != 0;
    std::fclose(f);
    if (bad) return fail("cannot read " + quote_short(path, 200) + " to its end");
  }
  return import_csv(store, kind, text, actor, progress, source, warnings);
}

}  // namespace alsmeds
