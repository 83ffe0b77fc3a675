// The pmatch pattern language, compiled: parse an expression (grammar.cc, Boost.Spirit X3) and
// compile it into an immutable, shareable Pattern; match it against a response as pmatch does, or
// against a Document within a scope (sentence, paragraph, whole answer) returning every match.
// Entry points: Pattern::compile(), Pattern::matches_response(), find_all().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/span.h"

namespace ec::text {
class Document;
}
namespace ec::archive {
class Writer;
class Reader;
}

namespace ec::match {

// pmatch's options (its defaults), plus `stem_all` for rubrics that want stems everywhere.
struct Options {
  bool ignore_case = false;
  std::string sentence_dividers = ".?!";
  std::string word_dividers = " \f\n\r\t";  // Unicode white space always divides words as well
  std::string convert_to_space;
  std::vector<std::pair<std::string, std::string>> synonyms;  // word -> "alt1|alt2"
};

// Hard limits, checked by the compiler so that no expression can blow up at match time.
struct Limits {
  int max_depth = 16;              // nesting of match_all / match_any / not
  int max_items = 24;              // words and phrases in one match_…( )
  int max_alternatives = 64;       // alternatives of one word or phrase, after synonyms
  int max_phrase_words = 12;       // words in one [phrase]
  int max_wildcards = 8;           // '*' in one word
  std::size_t max_expression_bytes = 64 * 1024;
};

enum class Scope { response, sentence, paragraph };

// One match: the response words it used, and the span from the first to the last.
struct Match {
  std::vector<Span> words;  // byte spans of the matched words, in text order
  Span span;                // first word's start to last word's end
  std::uint32_t scope = 0;  // index of the sentence or paragraph (0 for the whole response)
};

struct CompiledExpression;  // defined in compile.h
class Subject;              // defined in subject.h

class Pattern {
 public:
  // Parse and compile. Errors are ErrorKind::rubric with line/column counted in characters from the
  // start of `expression` (line 1, column 1), e.g. "expected ')' to close match_all( opened at col 1".
  static Result<Pattern> compile(std::string_view expression, const Options& options = {},
                                 const Limits& limits = {});

  // pmatch semantics: the whole response is one scope, split into words by pmatch's own rules.
  bool matches_response(std::string_view response) const;

  // Every scope (sentence, paragraph or the whole answer) of `doc` the pattern matches, in text
  // order, each with the words that matched. Words are the Document's (ICU) words.
  std::vector<Match> find_all(const text::Document& doc, Scope scope) const;

  // The same over an answer already prepared for matching (build it once to match many patterns:
  // Subject::from_document(doc, /*fold_case=*/true, /*need_stems=*/true)).
  std::vector<Match> find_all(const Subject& subject, Scope scope) const;

  const std::string& source() const;
  bool compiled_uses_stems() const;  // does any word use the s (stem) flag?
  const Options& options() const;
  const CompiledExpression& compiled() const { return *impl_; }

  // The compiled form written to and read back from a cache (pattern_archive.cc), with no parsing
  // or normalising on the way back. load() gives nullopt when the archive is damaged.
  void save(archive::Writer& out) const;
  static std::optional<Pattern> load(archive::Reader& in);

 private:
  explicit Pattern(std::shared_ptr<const CompiledExpression> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const CompiledExpression> impl_;
};

}  // namespace ec::match
