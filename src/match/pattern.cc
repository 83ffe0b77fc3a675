// Pattern: the public face of the pattern engine (compile once, match many times).
// Entry points: Pattern::compile(), matches_response(), find_all().
#include "match/pattern.h"

#include "match/compile.h"
#include "match/matcher.h"
#include "match/subject.h"

namespace ec::match {

Result<Pattern> Pattern::compile(std::string_view expression, const Options& options, const Limits& limits) {
  auto compiled = compile_expression(expression, options, limits);
  if (!compiled) return compiled.error();
  return Pattern(std::make_shared<const CompiledExpression>(std::move(compiled.value())));
}

bool Pattern::matches_response(std::string_view response) const {
  Subject subject = Subject::from_response(response, impl_->options, impl_->uses_stems);
  return !evaluate_scopes(*impl_, subject, Scope::response).empty();
}

std::vector<Match> Pattern::find_all(const text::Document& doc, Scope scope) const {
  Subject subject = Subject::from_document(doc, impl_->options.ignore_case, impl_->uses_stems);
  return evaluate_scopes(*impl_, subject, scope);
}

std::vector<Match> Pattern::find_all(const Subject& subject, Scope scope) const {
  return evaluate_scopes(*impl_, subject, scope);
}

const std::string& Pattern::source() const { return impl_->source; }
const Options& Pattern::options() const { return impl_->options; }
bool Pattern::compiled_uses_stems() const { return impl_->uses_stems; }

}  // namespace ec::match
