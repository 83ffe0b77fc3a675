// Document::build(): one ICU NFKC_Casefold pass over the answer (with icu::Edits kept as an offset
// map), paragraphs from blank lines, sentences and words from ICU BreakIterators over the original
// text, and each word's folded form, stem and place. Entry point: Document::build().
#include "text/document.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "text/fold.h"
#include "text/segment.h"

namespace ec::text {
namespace {

bool is_white(UChar32 c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return u_isUWhiteSpace(c);
}

// The code point starting at byte i; its length goes to `len`.
UChar32 code_point_at(std::string_view t, std::uint32_t i, std::uint32_t& len) {
  auto b = static_cast<unsigned char>(t[i]);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  const auto* s = reinterpret_cast<const std::uint8_t*>(t.data()) + i;
  int32_t j = 0;
  int32_t n = static_cast<int32_t>(std::min<std::size_t>(t.size() - i, 4));
  UChar32 c;
  U8_NEXT(s, j, n, c);
  len = static_cast<std::uint32_t>(j);
  return c;
}

// The code point ending at byte i (exclusive); its length goes to `len`.
UChar32 code_point_before(std::string_view t, std::uint32_t i, std::uint32_t& len) {
  auto b = static_cast<unsigned char>(t[i - 1]);
  if (b < 0x80) {
    len = 1;
    return b;
  }
  std::uint32_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
  std::uint32_t n = 0;
  UChar32 c = code_point_at(t, start, n);
  if (start + n != i) {  // ill-formed: step back one byte only
    len = 1;
    return 0xFFFD;
  }
  len = n;
  return c;
}

Span trim(std::string_view t, std::uint32_t start, std::uint32_t end) {
  std::uint32_t len = 0;
  while (start < end && is_white(code_point_at(t, start, len))) start += len;
  while (end > start && is_white(code_point_before(t, end, len))) end -= len;
  return Span{start, end};
}

// Paragraphs: maximal runs of lines that are not blank (a line of white space only is blank),
// each trimmed. Lines end at LF, CR or CR LF.
std::vector<Span> paragraph_spans(std::string_view t) {
  std::vector<Span> out;
  bool open = false;
  Span current;
  const auto n = static_cast<std::uint32_t>(t.size());
  std::uint32_t pos = 0;
  while (pos < n) {
    std::uint32_t line_end = pos;
    while (line_end < n && t[line_end] != '\n' && t[line_end] != '\r') ++line_end;
    std::uint32_t next = line_end;
    if (next < n) next += (t[next] == '\r' && next + 1 < n && t[next + 1] == '\n') ? 2 : 1;
    Span line = trim(t, pos, line_end);
    if (line.size() == 0) {
      if (open) out.push_back(current);
      open = false;
    } else {
      if (!open) current.start = line.start;
      current.end = line.end;
      open = true;
    }
    pos = next;
  }
  if (open) out.push_back(current);
  return out;
}

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU ") + what + ": " + u_errorName(status));
}

}  // namespace

// The offset map has one entry per fine edit segment (icu::Edits fine iterator: unchanged runs and
// each changed unit) plus a sentinel (original size, folded size). Segment i covers
// [map_original_[i], map_original_[i+1]) of the original and [map_folded_[i], map_folded_[i+1]) of
// folded(); unchanged segments map byte for byte, changed ones only as a whole.
namespace {

struct OffsetMap {
  const std::vector<std::uint32_t>& orig;
  const std::vector<std::uint32_t>& fold;
  const std::vector<std::uint8_t>& changed;

  std::size_t segments() const { return orig.empty() ? 0 : orig.size() - 1; }

  // The segment holding original offset x (x < original size), searching forward from `hint`.
  std::size_t segment_of_original(std::uint32_t x, std::size_t& hint) const {
    if (hint < segments() && orig[hint] <= x) {
      std::size_t steps = 0;
      while (hint + 1 < segments() && orig[hint + 1] <= x && ++steps < 8) ++hint;
      if (hint + 1 >= segments() || orig[hint + 1] > x) return hint;
    }
    auto it = std::upper_bound(orig.begin(), orig.begin() + static_cast<std::ptrdiff_t>(segments()), x);
    hint = static_cast<std::size_t>(it - orig.begin()) - 1;
    return hint;
  }

  Span folded_span(Span s, std::size_t& hint) const {
    if (segments() == 0) return Span{};
    const std::uint32_t original_size = orig.back();
    const std::uint32_t folded_size = fold.back();
    auto map_start = [&](std::uint32_t x) -> std::uint32_t {
      if (x >= original_size) return folded_size;
      std::size_t i = segment_of_original(x, hint);
      return changed[i] ? fold[i] : fold[i] + (x - orig[i]);
    };
    std::uint32_t fs = map_start(s.start);
    if (s.end <= s.start) return Span{fs, fs};
    if (s.end > original_size) return Span{fs, folded_size};
    std::size_t j = segment_of_original(s.end - 1, hint);
    std::uint32_t fe = changed[j] ? fold[j + 1] : fold[j] + (s.end - orig[j]);
    return Span{fs, std::max(fs, fe)};
  }
};

}  // namespace

std::uint32_t Document::original_offset(std::uint32_t folded_offset) const {
  if (map_folded_.size() < 2 || folded_offset >= folded_.size()) return static_cast<std::uint32_t>(original_.size());
  const auto segments = static_cast<std::ptrdiff_t>(map_folded_.size() - 1);
  auto it = std::upper_bound(map_folded_.begin(), map_folded_.begin() + segments, folded_offset);
  auto i = static_cast<std::size_t>(it - map_folded_.begin()) - 1;
  return map_changed_[i] ? map_original_[i] : map_original_[i] + (folded_offset - map_folded_[i]);
}

Span Document::folded_span(Span original_span) const {
  std::size_t hint = map_original_.size();
  return OffsetMap{map_original_, map_folded_, map_changed_}.folded_span(original_span, hint);
}

Document Document::build(std::string original) {
  if (original.size() >= std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("Document::build: text of 4 GiB or more");
  Document doc;
  doc.original_ = std::move(original);
  const std::string_view text = doc.original_;

  // 1. One NFKC_Casefold pass, recording the edits as the offset map.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  check(status, "NFKC_Casefold instance");
  icu::Edits edits;
  doc.folded_.reserve(text.size() + text.size() / 16);
  {
    icu::StringByteSink<std::string> sink(&doc.folded_);
    nfkc_cf->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink, &edits,
                           status);
    check(status, "NFKC_Casefold");
  }
  for (auto it = edits.getFineIterator(); it.next(status);) {
    doc.map_original_.push_back(static_cast<std::uint32_t>(it.sourceIndex()));
    doc.map_folded_.push_back(static_cast<std::uint32_t>(it.destinationIndex()));
    doc.map_changed_.push_back(it.hasChange() ? 1 : 0);
  }
  check(status, "Edits iterator");
  doc.map_original_.push_back(static_cast<std::uint32_t>(text.size()));
  doc.map_folded_.push_back(static_cast<std::uint32_t>(doc.folded_.size()));
  doc.map_changed_.push_back(0);

  // 2. Paragraphs, then ICU's sentences cut at paragraph breaks and trimmed.
  const std::vector<Span> paragraphs = paragraph_spans(text);
  if (paragraphs.empty()) return doc;
  const std::vector<std::uint32_t> breaks = detail::sentence_breaks(text);
  std::size_t p = 0;
  for (std::size_t k = 0; k + 1 < breaks.size(); ++k) {
    const std::uint32_t a = breaks[k], b = breaks[k + 1];
    while (p < paragraphs.size() && paragraphs[p].end <= a) ++p;
    for (std::size_t q = p; q < paragraphs.size() && paragraphs[q].start < b; ++q) {
      Span s = trim(text, std::max(a, paragraphs[q].start), std::min(b, paragraphs[q].end));
      if (s.size() == 0) continue;
      Sentence sentence;
      sentence.span = s;
      sentence.paragraph = static_cast<std::uint32_t>(q);
      doc.sentences_.push_back(sentence);
    }
  }
  if (doc.sentences_.empty()) return doc;

  // 3. Words over the original text; folded through the offset map, cleaned, stemmed.
  const std::vector<Span> spans = detail::word_spans(text);
  const OffsetMap map{doc.map_original_, doc.map_folded_, doc.map_changed_};
  std::size_t hint = 0;
  std::size_t si = 0;
  doc.words_.reserve(spans.size());
  for (const Span& span : spans) {
    while (si + 1 < doc.sentences_.size() && doc.sentences_[si].span.end <= span.start) ++si;
    Word& w = doc.words_.emplace_back();
    w.span = span;
    w.sentence = static_cast<std::uint32_t>(si);
    w.paragraph = doc.sentences_[si].paragraph;
    const Span f = map.folded_span(span, hint);
    w.folded.assign(doc.folded_, f.start, f.size());
    detail::clean_typography(w.folded);
    w.numeric = detail::is_number(w.folded);
    w.stem = w.numeric ? w.folded : detail::cached_stem(w.folded);
  }

  // 4. Word ranges of sentences; sentence and word ranges of paragraphs.
  const auto word_count = static_cast<std::uint32_t>(doc.words_.size());
  std::uint32_t wi = 0;
  for (std::uint32_t s = 0; s < doc.sentences_.size(); ++s) {
    Sentence& sentence = doc.sentences_[s];
    while (wi < word_count && doc.words_[wi].sentence < s) ++wi;
    sentence.first_word = wi;
    while (wi < word_count && doc.words_[wi].sentence == s) ++wi;
    sentence.end_word = wi;
  }
  doc.paragraphs_.reserve(paragraphs.size());
  std::uint32_t s = 0;
  const auto sentence_count = static_cast<std::uint32_t>(doc.sentences_.size());
  for (std::uint32_t q = 0; q < paragraphs.size(); ++q) {
    Paragraph& para = doc.paragraphs_.emplace_back();
    para.span = paragraphs[q];
    while (s < sentence_count && doc.sentences_[s].paragraph < q) ++s;
    para.first_sentence = s;
    while (s < sentence_count && doc.sentences_[s].paragraph == q) ++s;
    para.end_sentence = s;
    para.first_word = para.first_sentence < sentence_count ? doc.sentences_[para.first_sentence].first_word : word_count;
    para.end_word = para.end_sentence > para.first_sentence ? doc.sentences_[para.end_sentence - 1].end_word
                                                             : para.first_word;
  }
  return doc;
}

std::vector<FoldedWord> folded_words(std::string_view text) {
  std::vector<FoldedWord> out;
  for (const Span& span : detail::word_spans(text)) out.push_back({span, fold(text.substr(span.start, span.size()))});
  return out;
}

}  // namespace ec::text
