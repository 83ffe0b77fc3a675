// Building the matcher's view of an answer (Subject): pmatch's word splitting for a raw response,
// or the ICU words of a text::Document. Entry points: Subject::from_response(), from_document().
#include "match/subject.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <stdexcept>

#include "match/compile.h"
#include "match/atom_index.h"
#include "match/utf8.h"
#include "text/document.h"

namespace ec::match {

void Subject::reserve(std::size_t tokens) {
  types_.reserve(tokens + 1);
  tokens_.reserve(tokens + 1);
  std::size_t size = 16;
  while (size < 2 * (tokens + 1)) size *= 2;
  table_.assign(size, 0);
  table_mask_ = size - 1;
}

void Subject::add(std::string_view text, std::string_view stem, std::uint32_t sentence, Span span) {
  std::size_t slot = std::hash<std::string_view>{}(text) & table_mask_;
  while (table_[slot] != 0 && types_[table_[slot] - 1].text != text) slot = (slot + 1) & table_mask_;
  if (table_[slot] == 0) {
    if (types_.size() == types_.capacity()) throw std::logic_error("Subject::add beyond reserve()");
    auto id = static_cast<std::uint32_t>(types_.size());
    Type& t = types_.emplace_back();
    t.text.assign(text);
    chars_at_.push_back(static_cast<std::uint32_t>(pool_.size()));
    for (std::size_t i = 0; i < text.size();) {  // decode straight into the pool
      std::size_t n = utf8::sequence_length(static_cast<unsigned char>(text[i]));
      if (n == 1 || i + n > text.size()) {
        pool_.push_back(static_cast<unsigned char>(text[i]) < 0x80 ? static_cast<char32_t>(text[i]) : 0xFFFD);
        ++i;
        continue;
      }
      char32_t cp = static_cast<unsigned char>(text[i]) & (0x7F >> n);
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      pool_.push_back(cp);
      i += n;
    }
    t.number = parse_number(text);
    if (t.number) numeric_.push_back(id);
    if (stems_) t.stem = stem.empty() ? text::stem_english(text) : std::string(stem);
    table_[slot] = id + 1;
  }
  tokens_.push_back(Token{table_[slot] - 1, sentence, span});
}

void Subject::finish() {
  response_.assign(1, Range{0, static_cast<std::uint32_t>(tokens_.size())});
  // Code point views, now that the pool is complete.
  for (std::uint32_t t = 0; t < types_.size(); ++t) {
    std::size_t end = t + 1 < types_.size() ? chars_at_[t + 1] : pool_.size();
    types_[t].chars = std::u32string_view(pool_).substr(chars_at_[t], end - chars_at_[t]);
    types_[t].mask = char_mask(types_[t].chars);
  }
  // Pattern words with a literal prefix look up a range of this order.
  // Positions grouped by type (counting sort).
  position_start_.assign(types_.size() + 1, 0);
  for (const auto& tok : tokens_) ++position_start_[tok.type + 1];
  for (std::size_t t = 0; t < types_.size(); ++t) position_start_[t + 1] += position_start_[t];
  positions_.resize(tokens_.size());
  std::vector<std::uint32_t> fill(position_start_.begin(), position_start_.end() - 1);
  for (std::uint32_t i = 0; i < tokens_.size(); ++i) positions_[fill[tokens_[i].type]++] = i;
  for (std::uint32_t t = 0; t < types_.size(); ++t) {
    std::size_t length = types_[t].chars.size();
    if (by_length_.size() <= length) by_length_.resize(length + 1);
    by_length_[length].push_back(t);
  }
  first_start_.assign(258, 0);
  for (const auto& t : types_) ++first_start_[(t.text.empty() ? 0u : static_cast<unsigned char>(t.text[0])) + 1u];
  for (std::size_t b = 0; b < 257; ++b) first_start_[b + 1] += first_start_[b];
  by_first_.resize(types_.size());
  std::vector<std::uint32_t> fill_first(first_start_.begin(), first_start_.end() - 1);
  for (std::uint32_t t = 0; t < types_.size(); ++t) {
    unsigned char b = types_[t].text.empty() ? 0 : static_cast<unsigned char>(types_[t].text[0]);
    by_first_[fill_first[b]++] = t;
  }
  if (stems_) {
    stem_table_.assign(table_.size(), 0);
    stem_next_.assign(types_.size(), 0);
    for (std::uint32_t t = static_cast<std::uint32_t>(types_.size()); t-- > 0;) {
      std::size_t slot = std::hash<std::string_view>{}(types_[t].stem) & table_mask_;
      while (stem_table_[slot] != 0 && types_[stem_table_[slot] - 1].stem != types_[t].stem) {
        slot = (slot + 1) & table_mask_;
      }
      stem_next_[t] = stem_table_[slot];
      stem_table_[slot] = t + 1;
    }
  }
}

const std::vector<std::uint32_t>& Subject::types_of_length(std::size_t length) const {
  static const std::vector<std::uint32_t> none;
  return length < by_length_.size() ? by_length_[length] : none;
}

std::uint32_t Subject::known_count(AtomIndex& index) const {
  if (known_owner_ != 0 && known_owner_ != index.serial()) return 0;
  if (known_owner_ == 0) {
    known_owner_ = index.serial();
    const std::uint32_t n = index.size();
    known_start_.assign(n + 1, 0);
    if (n == 0) return 0;
    // Each type's atoms, then counted and laid out atom by atom (types ascending in each).
    std::vector<const std::vector<std::uint32_t>*> filled(types_.size());
    index.make_room(types_.size());
    for (std::uint32_t t = 0; t < types_.size(); ++t) {
      const auto& type = types_[t];
      filled[t] = &index.filled_by(type.text, type.chars, type.stem, type.number, type.mask);
      for (auto i : *filled[t]) ++known_start_[i + 1];
    }
    for (std::uint32_t i = 0; i < n; ++i) known_start_[i + 1] += known_start_[i];
    known_.resize(known_start_[n]);
    std::vector<std::uint32_t> fill(known_start_.begin(), known_start_.end() - 1);
    for (std::uint32_t t = 0; t < types_.size(); ++t) {
      for (auto i : *filled[t]) known_[fill[i]++] = t;
    }
  }
  return static_cast<std::uint32_t>(known_start_.size() - 1);
}

std::span<const std::uint32_t> Subject::remember(std::uint32_t atom_id, std::span<const std::uint32_t> types) const {
  if (cache_at_.size() <= atom_id) cache_at_.resize(std::max<std::size_t>(atom_id + 1, 2 * cache_at_.size()), 0);
  const auto start = static_cast<std::uint32_t>(cache_pool_.size());
  cache_pool_.insert(cache_pool_.end(), types.begin(), types.end());
  cache_spans_.emplace_back(start, static_cast<std::uint32_t>(types.size()));
  cache_at_[atom_id] = static_cast<std::uint32_t>(cache_spans_.size());
  return {cache_pool_.data() + start, types.size()};
}

std::optional<std::uint32_t> Subject::find(std::string_view text) const {
  if (table_.empty()) return std::nullopt;
  std::size_t slot = std::hash<std::string_view>{}(text) & table_mask_;
  while (table_[slot] != 0) {
    if (types_[table_[slot] - 1].text == text) return table_[slot] - 1;
    slot = (slot + 1) & table_mask_;
  }
  return std::nullopt;
}

std::span<const std::uint32_t> Subject::types_with_stem(std::string_view stem) const {
  if (stem_table_.empty()) return {};
  std::size_t slot = std::hash<std::string_view>{}(stem) & table_mask_;
  while (stem_table_[slot] != 0 && types_[stem_table_[slot] - 1].stem != stem) slot = (slot + 1) & table_mask_;
  stem_scratch_.clear();
  for (std::uint32_t t = stem_table_[slot]; t != 0; t = stem_next_[t - 1]) stem_scratch_.push_back(t - 1);
  return stem_scratch_;
}

const std::vector<Subject::Range>& Subject::scopes(Scope scope) const {
  switch (scope) {
    case Scope::sentence: return sentences_;
    case Scope::paragraph: return paragraphs_;
    case Scope::response: break;
  }
  return response_;
}

Subject Subject::from_response(std::string_view response, const Options& options, bool need_stems) {
  Subject s;
  s.folded_ = options.ignore_case;
  s.stems_ = need_stems;
  std::u32string convert = utf8::decode(options.convert_to_space);
  std::u32string words = utf8::decode(options.word_dividers);
  std::u32string sentences = utf8::decode(options.sentence_dividers);
  auto contains = [](const std::u32string& set, char32_t c) { return set.find(c) != std::u32string::npos; };

  // Decode with byte offsets.
  struct Char {
    char32_t c;
    std::uint32_t at, len;
  };
  std::vector<Char> chars;
  for (std::size_t i = 0; i < response.size();) {
    std::size_t n = utf8::sequence_length(static_cast<unsigned char>(response[i]));
    if (i + n > response.size()) n = 1;
    std::u32string one = utf8::decode(response.substr(i, n));
    chars.push_back(Char{one.empty() ? 0xFFFD : one[0], static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(n)});
    i += n;
  }
  auto is_digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };

  s.reserve(chars.size());
  std::uint32_t sentence = 0;
  std::size_t start = 0;
  bool in_word = false;
  auto end_word = [&](std::size_t end) {
    if (!in_word) return;
    in_word = false;
    std::uint32_t from = chars[start].at;
    std::uint32_t to = chars[end - 1].at + chars[end - 1].len;
    std::string_view raw = response.substr(from, to - from);
    s.add(normalize_word(raw, options.ignore_case), "", sentence, Span{from, to});
  };
  for (std::size_t i = 0; i < chars.size(); ++i) {
    char32_t c = chars[i].c;
    bool space = contains(convert, c) || contains(words, c) || u_isUWhiteSpace(static_cast<UChar32>(c));
    bool divider = !space && contains(sentences, c) &&
                   !(i > 0 && i + 1 < chars.size() && is_digit(chars[i - 1].c) && is_digit(chars[i + 1].c));
    if (space || divider) {
      end_word(i);
      if (divider) ++sentence;
    } else if (!in_word) {
      in_word = true;
      start = i;
    }
  }
  end_word(chars.size());
  if (s.tokens_.empty()) s.add("", "", 0, Span{0, 0});  // pmatch: an empty response is one empty word
  s.finish();
  s.sentences_ = s.response_;
  s.paragraphs_ = s.response_;
  return s;
}

Subject Subject::from_document(const text::Document& doc, bool fold_case, bool need_stems) {
  Subject s;
  s.folded_ = fold_case;
  s.stems_ = need_stems;
  auto words = doc.words();
  s.reserve(words.size());
  for (const auto& w : words) {
    if (fold_case) {
      s.add(w.folded, need_stems ? std::string_view(w.stem) : std::string_view(), w.sentence, w.span);
    } else {
      s.add(normalize_word(doc.text(w.span), false), need_stems ? std::string_view(w.stem) : std::string_view(),
            w.sentence, w.span);
    }
  }
  s.finish();
  for (const auto& sentence : doc.sentences()) s.sentences_.emplace_back(sentence.first_word, sentence.end_word);
  for (const auto& paragraph : doc.paragraphs()) s.paragraphs_.emplace_back(paragraph.first_word, paragraph.end_word);
  return s;
}

}  // namespace ec::match
