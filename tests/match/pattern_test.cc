// The pattern engine beyond pmatch's own vectors: syntax errors with columns, hard limits, our
// extensions (stems, scopes, byte spans into the original text) and the word-level test.
#include <gtest/gtest.h>

#include "match/compile.h"
#include "match/pattern.h"
#include "match/subject.h"
#include "text/document.h"

namespace ec::match {
namespace {

Pattern compile_ok(std::string_view expr, Options options = {}) {
  auto p = Pattern::compile(expr, options);
  EXPECT_TRUE(p.ok()) << expr << ": " << (p.ok() ? "" : p.error().located());
  return p.value();
}

Error compile_error(std::string_view expr, Limits limits = {}) {
  auto p = Pattern::compile(expr, {}, limits);
  EXPECT_FALSE(p.ok()) << expr << " compiled";
  return p.ok() ? Error{} : p.error();
}

Options ignoring_case() {
  Options o;
  o.ignore_case = true;
  return o;
}

TEST(PatternSyntax, UnclosedMatchAllNamesTheOpeningColumn) {
  Error e = compile_error("match_all(match_w(tom) match_w(dick)");
  EXPECT_EQ(e.kind, ErrorKind::rubric);
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 37);
  EXPECT_EQ(e.message, "expected ')' to close match_all( opened at col 1, found the end of the expression");
}

TEST(PatternSyntax, UnclosedInnerMatchPointsAtItsOwnParenthesis) {
  Error e = compile_error("match_any(match_w(tom dick match_w(x))");
  EXPECT_EQ(e.column, 35);  // "match_w" is read as a word; the '(' after it cannot be
  EXPECT_EQ(e.message, "expected ')' to close match_w( opened at col 11, found '('");
}

TEST(PatternSyntax, ErrorsOnALaterLineCarryLineAndColumn) {
  Error e = compile_error("match_any(\n  match_w(tom)\n  match_x(dick)\n)");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 3);
  EXPECT_NE(e.message.find("unknown flag 'x'"), std::string::npos) << e.message;
}

TEST(PatternSyntax, MissingWordAfterBarAndUnclosedPhrase) {
  Error bar = compile_error("match_w(tom|)");
  EXPECT_EQ(bar.column, 13);
  EXPECT_NE(bar.message.find("expected a word or [phrase]"), std::string::npos) << bar.message;
  Error phrase = compile_error("match_w([general secretary)");
  EXPECT_NE(phrase.message.find("expected ']' to close the phrase opened at col 9"), std::string::npos)
      << phrase.message;
}

TEST(PatternSyntax, NotAFunctionAtAll) {
  Error e = compile_error("stalin");
  EXPECT_EQ(e.column, 1);
  EXPECT_NE(e.message.find("expected match"), std::string::npos) << e.message;
}

TEST(PatternLimits, DeepNestingIsRefusedBeforeParsing) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "not(";
  deep += "match(x)";
  for (int i = 0; i < 5000; ++i) deep += ")";
  Error e = compile_error(deep);
  EXPECT_NE(e.message.find("nested more than 16 levels"), std::string::npos) << e.message;
}

TEST(PatternLimits, TooManyAlternativesAndItems) {
  std::string alts = "match_w(a0";
  for (int i = 1; i < 100; ++i) alts += "|a" + std::to_string(i);
  alts += ")";
  EXPECT_NE(compile_error(alts).message.find("alternatives"), std::string::npos);
  std::string items = "match_w(";
  for (int i = 0; i < 30; ++i) items += "w" + std::to_string(i) + " ";
  items += ")";
  EXPECT_NE(compile_error(items).message.find("more than 24 words"), std::string::npos);
  Limits tight;
  tight.max_wildcards = 2;
  EXPECT_NE(compile_error("match(a*b*c*d)", tight).message.find("'*'"), std::string::npos);
}

TEST(PatternLimits, SynonymsCountTowardsAlternatives) {
  Options o;
  std::string many;
  for (int i = 0; i < 70; ++i) many += (i ? "|" : "") + std::string("s") + std::to_string(i);
  o.synonyms.emplace_back("word", many);
  EXPECT_FALSE(Pattern::compile("match(word)", o).ok());
}

TEST(PatternWords, AWordWithAnApostropheAlsoMatchesItWrittenWithout) {
  auto test = [](std::string_view expr, std::string_view response) {
    return compile_ok(expr).matches_response(response);
  };
  EXPECT_TRUE(test("match_w(wasn't)", "there wasn't much"));
  EXPECT_TRUE(test("match_w(wasn't)", "there wasnt much"));
  EXPECT_TRUE(test("match_w(stalin's)", "it was stalins idea"));
  EXPECT_TRUE(test("match_w(workers')", "the workers lives"));
  // Not the other way: a pattern written without one asks for the word without one.
  EXPECT_FALSE(test("match_w(wasnt)", "there wasn't much"));
  EXPECT_FALSE(test("match_w(wasn't)", "there was much"));
}

TEST(PatternWords, MisspellingKindsAndLengths) {
  auto test = [](std::string_view expr, std::string_view response) {
    return compile_ok(expr).matches_response(response);
  };
  EXPECT_TRUE(test("match_m(stalin)", "stallin"));    // one extra letter
  EXPECT_TRUE(test("match_m(zinoviev)", "zinovyev"));  // one replaced
  EXPECT_FALSE(test("match_m(zinoviev)", "zinovyef"));
  EXPECT_TRUE(test("match_m2(zinoviev)", "zinovyef"));  // two, for 8 letters
  EXPECT_FALSE(test("match_m2(kamenev)", "kamanef"));   // 7 letters: one only
  EXPECT_TRUE(test("match_mt(bukharin)", "bukahrin"));
  EXPECT_FALSE(test("match_mt(bukharin)", "bukarin"));
  EXPECT_TRUE(test("match_mf(bukharin)", "bukarin"));
}

TEST(PatternWords, NumbersCompareByValue) {
  EXPECT_TRUE(compile_ok("match(25000)").matches_response("25,000"));
  EXPECT_TRUE(compile_ok("match(1.5)").matches_response("1.50"));
  EXPECT_FALSE(compile_ok("match(1.5)").matches_response("1.51"));
  EXPECT_EQ(parse_number("5x10<sup>-1</sup>").value_or(-1), 0.5);
  EXPECT_FALSE(parse_number("25,00").has_value());
}

TEST(PatternExtensions, StemFlagMatchesWordForms) {
  auto p = compile_ok("match_ws(industrialise)", ignoring_case());
  EXPECT_TRUE(p.matches_response("Stalin wanted to industrialise"));
  EXPECT_TRUE(p.matches_response("the USSR was industrialised"));
  EXPECT_TRUE(p.matches_response("rapid industrialisation"));
  EXPECT_FALSE(p.matches_response("industry grew"));
  EXPECT_FALSE(compile_ok("match_w(industrialise)", ignoring_case()).matches_response("rapid industrialisation"));
}

TEST(PatternExtensions, SentenceScopeFindsEveryMatchWithSpansInTheOriginal) {
  // Curly apostrophe and a ligature: spans still land on the original bytes.
  std::string answer =
      "Stalin\u2019s role as General Secretary mattered. Trotsky was arrogant.\n\n"
      "As General Secretary he could appoint \uFB01ne supporters.";
  auto doc = text::Document::build(answer);
  auto p = compile_ok("match_mw([general secretary])", ignoring_case());
  auto matches = p.find_all(doc, Scope::sentence);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].scope, 0u);
  EXPECT_EQ(matches[1].scope, 2u);
  for (const auto& m : matches) {
    ASSERT_EQ(m.words.size(), 2u);
    EXPECT_EQ(answer.substr(m.words[0].start, m.words[0].size()), "General");
    EXPECT_EQ(answer.substr(m.words[1].start, m.words[1].size()), "Secretary");
  }
  auto apostrophe = compile_ok("match_w(stalin's)", ignoring_case()).find_all(doc, Scope::sentence);
  ASSERT_EQ(apostrophe.size(), 1u);
  EXPECT_EQ(answer.substr(apostrophe[0].span.start, apostrophe[0].span.size()), "Stalin\u2019s");
  auto ligature = compile_ok("match_w(fine)", ignoring_case()).find_all(doc, Scope::sentence);
  ASSERT_EQ(ligature.size(), 1u);
  EXPECT_EQ(answer.substr(ligature[0].span.start, ligature[0].span.size()), "\uFB01ne");
}

TEST(PatternExtensions, ParagraphAndWholeAnswerScopes) {
  std::string answer = "Trotsky was arrogant.\n\nHe missed Lenin's funeral. Stalin was chief mourner.";
  auto doc = text::Document::build(answer);
  auto p = compile_ok("match_w(trotsky funeral)", ignoring_case());
  EXPECT_TRUE(p.find_all(doc, Scope::sentence).empty());
  EXPECT_TRUE(p.find_all(doc, Scope::paragraph).empty());
  EXPECT_EQ(p.find_all(doc, Scope::response).size(), 1u);
  auto q = compile_ok("match_w(missed mourner)", ignoring_case());
  auto in_paragraph = q.find_all(doc, Scope::paragraph);
  ASSERT_EQ(in_paragraph.size(), 1u);
  EXPECT_EQ(in_paragraph[0].scope, 1u);
}

TEST(PatternExtensions, ProximityNeverCrossesASentenceInADocument) {
  auto doc = text::Document::build("Stalin was clever. Appointments followed.");
  EXPECT_TRUE(compile_ok("match_w(stalin_appointments)", ignoring_case()).find_all(doc, Scope::response).empty());
  EXPECT_EQ(compile_ok("match_w(stalin appointments)", ignoring_case()).find_all(doc, Scope::response).size(), 1u);
}

TEST(PatternScale, LongAnswerInOrderMatchingFinishesAndIsCorrect) {
  // 5,000 words of near misses: a backtracking matcher would explode on this; ours is linear.
  std::string answer;
  for (int i = 0; i < 1000; ++i) answer += "a b a b c ";
  auto doc = text::Document::build(answer);
  auto p = compile_ok("match_w(a b a b c a b a b c a b a b c d)", ignoring_case());
  EXPECT_TRUE(p.find_all(doc, Scope::response).empty());
  auto q = compile_ok("match_w(a_b_c_a_b_c_a_b_c)", ignoring_case());
  EXPECT_EQ(q.find_all(doc, Scope::response).size(), 1u);
}

TEST(PatternScale, AnyOrderSearchIsBounded) {
  std::string answer;
  for (int i = 0; i < 300; ++i) answer += "x y ";
  auto doc = text::Document::build(answer);
  // Needs a 'z' that is not there: the search gives up within its budget, and says no.
  auto p = compile_ok("match_ow(x y x y x y x y z)", ignoring_case());
  EXPECT_TRUE(p.find_all(doc, Scope::response).empty());
}

TEST(PatternCompile, ACompiledPatternIsSharedAndImmutable) {
  auto p = compile_ok("match_w(tom)");
  Pattern copy = p;
  EXPECT_EQ(&copy.compiled(), &p.compiled());
  EXPECT_TRUE(copy.matches_response("tom"));
  EXPECT_TRUE(p.matches_response("tom"));
}

}  // namespace
}  // namespace ec::match
