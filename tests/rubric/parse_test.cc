// The rubric grammar: what each declaration parses to, where its statements stand, and the
// errors a rubric author sees (file:line:col, "expected …", the line and a caret).
#include <gtest/gtest.h>

#include "rubric/ast.h"
#include "support/test_support.h"

namespace ec::rubric::ast {
namespace {

File parse_ok(const std::string& text, const std::string& path = "t.rubric") {
  auto r = parse(text, path);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().located() + "\n" + r.error().excerpt);
  return r.ok() ? std::move(r).value() : File{};
}

Error parse_error(const std::string& text, const std::string& path = "t.rubric") {
  auto r = parse(text, path);
  EXPECT_FALSE(r.ok()) << "parsed, but expected an error";
  return r.ok() ? Error{} : r.error();
}

std::string data(const std::string& name) {
  return testing::repo_dir() + "/tests/rubric/data/" + name;
}

TEST(RubricParse, FactorKeepsEveryStatementAndItsPlace) {
  auto r = parse_file(data("good/power-struggle.rubric"));
  ASSERT_TRUE(r.ok()) << r.error().located();
  ASSERT_EQ(r->declarations.size(), 6u);
  const auto& f = std::get<Factor>(r->declarations[0]);
  EXPECT_EQ(f.id, "general-secretary");
  EXPECT_EQ(f.label, "Stalin's position as General Secretary");
  EXPECT_EQ(f.place.line, 3);
  EXPECT_EQ(f.place.column, 1);
  ASSERT_EQ(f.cards.size(), 3u);
  EXPECT_EQ(f.cards[2].value, 9);
  EXPECT_EQ(f.cards[2].place.column, 13);
  ASSERT_EQ(f.names.size(), 2u);
  EXPECT_EQ(f.names[0].source, "match_w([general secretary]|[gen sec]|[comrade card index])");
  EXPECT_EQ(f.names[0].scope, match::Scope::sentence);
  EXPECT_EQ(f.names[0].place.line, 5);
  EXPECT_EQ(f.names[0].place.column, 11);
  EXPECT_EQ(f.names[1].scope, match::Scope::paragraph);
  ASSERT_EQ(f.explain.size(), 1u);
  ASSERT_TRUE(f.hint && f.praise);
  EXPECT_EQ(f.hint->place.line, 8);
  ASSERT_EQ(f.examples.size(), 2u);
  EXPECT_TRUE(f.examples[0].hit);
  EXPECT_FALSE(f.examples[1].hit);
  EXPECT_EQ(f.examples[1].text, "Stalin was a secretary at school.");
  EXPECT_EQ(f.examples[1].place.line, 11);
  EXPECT_EQ(f.examples[1].place.file, data("good/power-struggle.rubric"));
}

TEST(RubricParse, EveryKindOfDeclaration) {
  auto r = parse_file(data("good/power-struggle.rubric"));
  ASSERT_TRUE(r.ok()) << r.error().located();
  const auto& t = std::get<Term>(r->declarations[2]);
  EXPECT_EQ(t.term, "Triumvirate");
  EXPECT_EQ(t.definition, "Stalin, Kamenev and Zinoviev against Trotsky");
  EXPECT_TRUE(t.names.empty());
  const auto& e = std::get<Event>(r->declarations[3]);
  EXPECT_EQ(e.year_from, 1923);
  EXPECT_EQ(e.year_to, 1923);
  const auto& e2 = std::get<Event>(r->declarations[4]);  // en dash range, no description
  EXPECT_EQ(e2.year_from, 1922);
  EXPECT_EQ(e2.year_to, 1923);
  EXPECT_EQ(e2.what, "");
  const auto& m = std::get<Misconception>(r->declarations[5]);
  EXPECT_EQ(m.claim_text, "Lenin chose Stalin as his successor");
  ASSERT_EQ(m.claims.size(), 1u);
  ASSERT_TRUE(m.correction);

  auto s = parse_file(data("good/explain-why.scheme"));
  ASSERT_TRUE(s.ok()) << s.error().located();
  const auto& scheme = std::get<Scheme>(s->declarations.at(0));
  EXPECT_EQ(scheme.marks->value, 12);
  ASSERT_EQ(scheme.levels.size(), 4u);
  EXPECT_EQ(scheme.levels[1].min_mark, 7);
  EXPECT_EQ(scheme.levels[1].max_mark, 9);
  EXPECT_FALSE(scheme.levels[3].when);
  ASSERT_EQ(scheme.caps.size(), 1u);
  EXPECT_EQ(scheme.caps[0].max_mark, 6);
  EXPECT_EQ(scheme.caps[0].when.op, Condition::Op::not_);
  EXPECT_EQ(scheme.exam_year->value, 2024);

  auto p = parse_file(data("good/why-stalin-won.prompt"));
  ASSERT_TRUE(p.ok()) << p.error().located();
  const auto& prompt = std::get<Prompt>(p->declarations.at(0));
  EXPECT_EQ(prompt.question->value, "Explain why Stalin won the power struggle, 1924–28.");
  EXPECT_EQ(prompt.marks->value, 12);
  EXPECT_EQ(prompt.scheme->value, "explain-why");
  EXPECT_EQ(prompt.scheme->place.line, 3);
  EXPECT_EQ(prompt.scheme->place.column, 13);
  EXPECT_EQ(prompt.minutes->value, 15);
  ASSERT_EQ(prompt.stimulus.size(), 2u);
  EXPECT_EQ(prompt.stimulus[1].factor, "trotsky-weaknesses");
  EXPECT_EQ(prompt.stimulus[1].text, "Trotsky's weaknesses");
  ASSERT_EQ(prompt.uses.size(), 1u);
  EXPECT_EQ(prompt.uses[0].value, "power-struggle");
}

TEST(RubricParse, ConditionPrecedenceNotThenAndThenOr) {
  auto f = parse_ok(
      "scheme s \"S\" {\n  level 1 1-3 \"d\" when words > 10 or explained and not judgement\n}\n");
  const auto& c = *std::get<Scheme>(f.declarations.at(0)).levels.at(0).when;
  ASSERT_EQ(c.op, Condition::Op::or_);
  ASSERT_EQ(c.operands.size(), 2u);
  EXPECT_EQ(c.operands[0].op, Condition::Op::compare);
  EXPECT_EQ(c.operands[0].measure, "words");
  EXPECT_EQ(c.operands[0].cmp, Condition::Cmp::gt);
  EXPECT_EQ(c.operands[0].value, 10);
  EXPECT_EQ(c.operands[0].place.column, 24);
  const auto& a = c.operands[1];
  ASSERT_EQ(a.op, Condition::Op::and_);
  EXPECT_EQ(a.operands[0].op, Condition::Op::measure);
  EXPECT_EQ(a.operands[1].op, Condition::Op::not_);
  EXPECT_EQ(a.operands[1].operands.at(0).measure, "judgement");
}

TEST(RubricParse, PatternSpansLinesAndRespectsEscapes) {
  auto f = parse_ok(
      "factor f \"F\" {\n"
      "  names match_any(\n"
      "          match_w(a\\)b)   # not a comment: inside the pattern\n"
      "          match_w(c))\n"
      "  names not(match_w(x)) within answer\n"
      "}\n");
  const auto& fac = std::get<Factor>(f.declarations.at(0));
  ASSERT_EQ(fac.names.size(), 2u);
  EXPECT_EQ(fac.names[0].source,
            "match_any(\n          match_w(a\\)b)   # not a comment: inside the pattern\n"
            "          match_w(c))");
  EXPECT_EQ(fac.names[1].source, "not(match_w(x))");
  EXPECT_EQ(fac.names[1].scope, match::Scope::response);
  EXPECT_EQ(fac.names[1].place.line, 5);
  EXPECT_EQ(fac.names[1].place.column, 9);
}

TEST(RubricParse, StringsUnescapeQuotesAndBackslashes) {
  auto f = parse_ok("term t \"a \\\"b\\\" c\\\\d\" \"def\" {}\n");
  EXPECT_EQ(std::get<Term>(f.declarations.at(0)).term, "a \"b\" c\\d");
}

TEST(RubricParse, EmptyFileAndCommentsOnly) {
  EXPECT_TRUE(parse_ok("").declarations.empty());
  EXPECT_TRUE(parse_ok("# nothing yet\n\n   # still nothing").declarations.empty());
}

TEST(RubricParse, ErrorNamesWhatWasExpectedWithLineColumnAndCaret) {
  auto e = parse_error(
      "# why did Stalin win?\n"
      "prompt why {\n"
      "  question \"Explain why Stalin won.\"\n"
      "  marks twelve\n"
      "}\n",
      "why.prompt");
  EXPECT_EQ(e.kind, ErrorKind::rubric);
  EXPECT_EQ(e.located(), "why.prompt:4:9: expected a number of marks after 'marks'");
  EXPECT_EQ(e.excerpt, "  marks twelve\n        ^");
}

TEST(RubricParse, ColumnsCountCharactersNotBytes) {
  // "–" (en dash) is 3 bytes, "é" 2: the error column counts each as one character
  auto e = parse_error("term t \"é–x\" \"d\" { cards x }\n");
  EXPECT_EQ(e.located(), "t.rubric:1:26: expected a card number after 'cards'");
  EXPECT_EQ(e.excerpt, "term t \"é–x\" \"d\" { cards x }\n                         ^");
}

TEST(RubricParse, UnknownStatementListsTheStatementsOfItsKind) {
  auto e = parse_error("factor f \"F\" {\n  nmes match_w(x)\n}\n");
  EXPECT_EQ(e.located(),
            "t.rubric:2:3: expected a factor statement (cards, names, explain, hint, praise, side, example) or "
            "'}'");
}

TEST(RubricParse, UnknownDeclaration) {
  auto e = parse_error("factor f \"F\" {}\n\nrule x {}\n");
  EXPECT_EQ(e.located(),
            "t.rubric:3:1: expected a declaration (factor, term, event, misconception, signal, scheme or prompt)");
}

TEST(RubricParse, PatternErrors) {
  EXPECT_EQ(parse_error("factor f \"F\" {\n  names general secretary\n}").located(),
            "t.rubric:2:9: expected a pattern after 'names', such as match_w(secretary)");
  // an unbalanced pattern is reported at its opening parenthesis
  EXPECT_EQ(parse_error("factor f \"F\" {\n  names match_w((a)\n}\n").located(),
            "t.rubric:2:16: expected a ')' to close this '('");
  EXPECT_EQ(parse_error("factor f \"F\" {\n  names match_w(a) within chapter\n}").located(),
            "t.rubric:2:27: expected 'paragraph' or 'answer' after 'within'");
}

TEST(RubricParse, StringErrors) {
  EXPECT_EQ(parse_error("factor f \"F {\n}\n").located(),
            "t.rubric:1:14: expected a closing '\"' on the same line (strings stay on one line)");
  EXPECT_EQ(parse_error("factor f {\n}\n").located(),
            "t.rubric:1:10: expected the factor's label in quotes, after its id");
  EXPECT_EQ(parse_error("factor f \"a\\nb\" {}").located(),
            "t.rubric:1:13: expected '\\\"' or '\\\\' after a backslash in a string");
}

TEST(RubricParse, IdsAreLowerCase) {
  EXPECT_EQ(parse_error("factor General \"F\" {}").located(),
            "t.rubric:1:8: expected an id after 'factor', such as general-secretary");
}

TEST(RubricParse, SchemeErrors) {
  EXPECT_EQ(parse_error("scheme s \"S\" {\n  level 4 \"d\"\n}").located(),
            "t.rubric:2:11: expected a mark range such as 7-9 after the level number");
  EXPECT_EQ(parse_error("scheme s \"S\" {\n  level 4 10-12 \"d\" when explained >=\n}").located(),
            "t.rubric:3:1: expected a number after the comparison");
  EXPECT_EQ(parse_error("scheme s \"S\" {\n  cap 8 \"why\"\n}").located(),
            "t.rubric:2:9: expected 'when' and a condition after the cap's mark");
  EXPECT_EQ(parse_error("scheme s \"S\" {\n  cap 8 when (words > 3 \"why\"\n}").located(),
            "t.rubric:2:25: expected ')' to close the '('");
}

TEST(RubricParse, SingularStatementGivenTwice) {
  EXPECT_EQ(parse_error("prompt p {\n  marks 12\n  minutes 5\n  marks 16\n}").located(),
            "t.rubric:4:3: 'marks' is given twice (first at line 2)");
}

TEST(RubricParse, UnreadableFile) {
  auto r = parse_file("/nonexistent/x.rubric");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().located(), "/nonexistent/x.rubric: cannot read this file");
}

}  // namespace
}  // namespace ec::rubric::ast

namespace ec::rubric::ast {
namespace {

TEST(RubricParse, SignalsAndPointsBasedSchemes) {
  auto r = parse("signal causal \"Causal language\" {\n"
                 "  names match_w(because)\n"
                 "  example hit \"He won because he was clever.\"\n"
                 "  example miss \"He won.\"\n"
                 "}\n"
                 "scheme features \"Describe two features\" {\n"
                 "  marks 4\n"
                 "  award 1 per credited max 2 \"one mark a feature\"\n"
                 "  award 1 per supported \"detail\"\n"
                 "}\n",
                 "w.rubric");
  ASSERT_TRUE(r.ok()) << r.error().located();
  const auto& g = std::get<Signal>(r->declarations.at(0));
  EXPECT_EQ(g.label, "Causal language");
  ASSERT_EQ(g.names.size(), 1u);
  EXPECT_EQ(g.examples.size(), 2u);
  const auto& s = std::get<Scheme>(r->declarations.at(1));
  ASSERT_EQ(s.awards.size(), 2u);
  EXPECT_EQ(s.awards[0].measure, "credited");
  EXPECT_EQ(s.awards[0].max_points, 2);
  EXPECT_EQ(s.awards[1].max_points, 0);
  EXPECT_EQ(s.awards[1].reason, "detail");
  auto again = parse(print(*r), "w.rubric");
  ASSERT_TRUE(again.ok()) << again.error().located();
  EXPECT_EQ(*again, *r);
  // A measure is named as in a level's condition, underscores and all.
  auto underscored = parse("scheme x \"X\" {\n  marks 4\n  award 2 per explained_paragraphs max 4 \"a paragraph\"\n}\n",
                           "x.scheme");
  ASSERT_TRUE(underscored.ok()) << underscored.error().located();
  EXPECT_EQ(std::get<Scheme>(underscored->declarations.at(0)).awards.at(0).measure, "explained_paragraphs");
  auto upper = parse("scheme x \"X\" {\n  award 1 per Credited \"x\"\n}\n", "x.scheme");
  ASSERT_FALSE(upper.ok());
  EXPECT_EQ(upper.error().located(), "x.scheme:2:15: expected a measure after 'per', such as credited");
  auto bad = parse("scheme x \"X\" {\n  award 1 credited\n}\n", "x.scheme");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().located(), "x.scheme:2:11: expected 'per' and a measure after the award's points");
}

}  // namespace
}  // namespace ec::rubric::ast
