// Building the matcher's view of an answer (Subject): pmatch's word splitting for a raw response,
// or the ICU words of a text::Document. Entry points: Subject::from_response(), from_document().
#include "match/subject.h"

#include <unicode/uchar.h>

#include "match/compile.h"
#include "match/utf8.h"
#include "text/document.h"

namespace ec::match {

void Subject::add(std::string text, std::string stem, std::uint32_t sentence, Span span) {
  auto [it, fresh] = by_text_.try_emplace(text, static_cast<std::uint32_t>(types_.size()));
  if (fresh) {
    Type t;
    t.chars = utf8::decode(text);
    t.number = parse_number(text);
    if (t.number) numeric_.push_back(it->second);
    if (stems_) {
      if (stem.empty()) stem = text::stem_english(text);
      by_stem_[stem].push_back(it->second);
    }
    t.stem = std::move(stem);
    t.text = std::move(text);
    types_.push_back(std::move(t));
    positions_.emplace_back();
  }
  positions_[it->second].push_back(static_cast<std::uint32_t>(tokens_.size()));
  tokens_.push_back(Token{it->second, sentence, span});
}

void Subject::finish() {
  response_.assign(1, Range{0, static_cast<std::uint32_t>(tokens_.size())});
}

std::optional<std::uint32_t> Subject::find(const std::string& text) const {
  auto it = by_text_.find(text);
  if (it == by_text_.end()) return std::nullopt;
  return it->second;
}

const std::vector<std::uint32_t>* Subject::types_with_stem(const std::string& stem) const {
  auto it = by_stem_.find(stem);
  return it == by_stem_.end() ? nullptr : &it->second;
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
  s.tokens_.reserve(words.size());
  for (const auto& w : words) {
    std::string form = fold_case ? w.folded : normalize_word(doc.text(w.span), false);
    s.add(std::move(form), need_stems ? w.stem : std::string(), w.sentence, w.span);
  }
  s.finish();
  for (const auto& sentence : doc.sentences()) s.sentences_.emplace_back(sentence.first_word, sentence.end_word);
  for (const auto& paragraph : doc.paragraphs()) s.paragraphs_.emplace_back(paragraph.first_word, paragraph.end_word);
  return s;
}

}  // namespace ec::match
