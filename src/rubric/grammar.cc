// The rubric language's grammar (Boost.Spirit X3; the only file that includes it): a whole file of
// factor / term / event / misconception / scheme / prompt declarations into an ast::File.
// Entry points: ast::parse(), ast::parse_file(). See rubrics/README.md for the language.
//
// Values are collected by semantic actions into a ParseState reached through the parse context
// (x3::with), which avoids attribute gymnastics and lets every statement keep its place.
// Expectation points (`>`) after each keyword name what had to come next in a teacher's words;
// an x3::expectation_failure becomes "file:line:col: expected …" with the line and a caret.
#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>

#include <boost/spirit/home/x3.hpp>

#include "rubric/ast.h"

namespace ec::rubric::ast {

namespace x3 = boost::spirit::x3;

namespace {

using It = std::string::const_iterator;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// White space and comments, as the skipper sees them.
It skip_blank(It it, It end) {
  for (;;) {
    while (it != end && is_blank(*it)) ++it;
    if (it != end && *it == '#') {
      while (it != end && *it != '\n') ++it;
      continue;
    }
    return it;
  }
}

// An error raised by a semantic action (a statement given twice, a number too large).
struct AuthorError {
  It where;
  std::string message;
  bool exact = false;  // `where` is the very character (else white space before it is skipped)
};

// Everything the semantic actions write: the file being built and the values of the statement
// being read (scratch), which the statement's closing action moves into the current declaration.
struct ParseState {
  std::string path;
  It begin, end;
  std::vector<std::size_t> line_starts;
  File file;
  It keyword;  // where the last statement or declaration keyword began

  // scratch for the statement being read
  std::string s1, s2, idv;
  long n1 = 0, n2 = 0, n3 = 0;
  double value = 0;
  bool has_n2 = false;
  bool hit = true;
  PatternText pattern;
  std::optional<Condition> cond;
  std::optional<Condition> when, top, bottom;  // a level's `when`, `top when` and `bottom when`

  At place_of(It it) const {
    At at;
    at.file = path;
    auto offset = static_cast<std::size_t>(it - begin);
    auto line = std::upper_bound(line_starts.begin(), line_starts.end(), offset) - line_starts.begin();
    at.line = static_cast<int>(line);
    std::size_t start = line_starts[static_cast<std::size_t>(line - 1)];
    int col = 1;
    for (std::size_t i = start; i < offset; ++i)
      if ((static_cast<unsigned char>(*(begin + static_cast<long>(i))) & 0xC0) != 0x80) ++col;
    at.column = col;
    return at;
  }

  Declaration& current() { return file.declarations.back(); }
};

struct state_tag;

template <class Ctx>
ParseState& st(const Ctx& ctx) {
  return x3::get<state_tag>(ctx).get();
}

long to_number(It first, It last) {
  long v = 0;
  auto [p, ec] = std::from_chars(&*first, &*first + (last - first), v);
  if (ec != std::errc() || v > 1000000) throw AuthorError{first, "this number is too large"};
  (void)p;
  return v;
}

// ---- lexical pieces ------------------------------------------------------------------------

const auto id_char = x3::char_("a-z") | x3::char_("A-Z") | x3::char_("0-9") | x3::char_('-') | x3::char_('_');

// A keyword: the word, not followed by another id character.
auto kw(const char* word) { return x3::lexeme[x3::lit(word) >> !id_char]; }

// A keyword that opens a statement or declaration: remembers where it began.
auto kw_at(const char* word) {
  return x3::raw[kw(word)][([](auto& ctx) {
    auto& s = st(ctx);
    s.keyword = x3::_attr(ctx).begin();
    s.s1.clear();
    s.s2.clear();
    s.has_n2 = false;
    s.cond.reset();
    s.when.reset();
    s.top.reset();
    s.bottom.reset();
  })];
}

// Give a parser a name that an expectation failure reports ("expected <name>").
template <class P>
auto named(const char* name, const P& p) {
  return x3::rule<struct named_tag>{name} = p;
}

const auto skipper = x3::char_(" \t\r\n\f\v") | x3::lexeme['#' >> *(x3::char_ - '\n')];

const auto dash = x3::lit('-') | x3::lit("\xE2\x80\x93");  // '-' or an en dash

// Inside a token: `p`, or an error at exactly this character ("expected <what>").
template <class P>
struct must_parser : x3::parser<must_parser<P>> {
  using attribute_type = typename x3::traits::attribute_of<P, x3::unused_type>::type;
  static const bool has_attribute = !std::is_same_v<attribute_type, x3::unused_type>;
  must_parser(const char* what, P p) : what(what), p(p) {}
  const char* what;
  P p;
  template <class Iterator, class Context, class RContext, class Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& ctx, RContext& rctx, Attribute& attr) const {
    if (p.parse(first, last, ctx, rctx, attr)) return true;
    throw AuthorError{first, std::string("expected ") + what, true};
  }
};
template <class P>
auto must(const char* what, P p) {
  return must_parser<typename x3::extension::as_parser<P>::value_type>(what, x3::as_parser(p));
}

const auto string_body = x3::rule<struct string_body_, std::string>{"a string"} =
    x3::lexeme['"' >>
               *((x3::lit('\\') >> must("'\\\"' or '\\\\' after a backslash in a string",
                                        x3::char_('"') | x3::char_('\\'))) |
                 (x3::char_ - '"' - '\\' - '\n' - '\r')) >>
               must("a closing '\"' on the same line (strings stay on one line)", x3::lit('"'))];

// A quoted string, named for where it stands; stores it in scratch s1 (or `field`).
auto quoted(const char* name, std::string ParseState::*field = &ParseState::s1) {
  return named(name, string_body[([field](auto& ctx) { st(ctx).*field = x3::_attr(ctx); })]);
}

const auto id_body = x3::rule<struct id_body_, std::string>{"an id"} =
    x3::lexeme[x3::char_("a-z") >> *(x3::char_("a-z") | x3::char_("0-9") | x3::char_('-')) >>
               !(x3::char_("A-Z") | x3::char_('_'))];

// An id, named for where it stands; stores it in scratch idv.
auto id(const char* name) {
  return named(name, id_body[([](auto& ctx) { st(ctx).idv = x3::_attr(ctx); })]);
}

const auto digits = x3::lexeme[+x3::char_("0-9") >> !id_char];

auto number_into(long ParseState::*field) {
  return x3::raw[digits][([field](auto& ctx) {
    auto r = x3::_attr(ctx);
    st(ctx).*field = to_number(r.begin(), r.end());
  })];
}

// A number, named for where it stands; stores it in scratch n1 (or `field`).
auto number(const char* name, long ParseState::*field = &ParseState::n1) {
  return named(name, number_into(field));
}

// A number or a range `a-b` (or `a–b`) written without spaces; stores n1 (and n2, has_n2).
auto range(const char* name) {
  auto first = x3::raw[+x3::char_("0-9")][([](auto& ctx) {
    auto r = x3::_attr(ctx);
    st(ctx).n1 = to_number(r.begin(), r.end());
    st(ctx).has_n2 = false;
  })];
  auto second = x3::raw[+x3::char_("0-9")][([](auto& ctx) {
    auto r = x3::_attr(ctx);
    st(ctx).n2 = to_number(r.begin(), r.end());
    st(ctx).has_n2 = true;
  })];
  return named(name, x3::lexeme[first >> -(dash >> second) >> !id_char]);
}

// A pmatch expression: `match…(` or `not(`, up to the balancing `)` (`\` escapes the next
// character; it may span lines), stored raw in scratch `pattern`.
struct pattern_parser : x3::parser<pattern_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <class Iterator, class Context, class RContext, class Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& ctx, RContext&, Attribute&) const {
    x3::skip_over(first, last, ctx);
    Iterator it = first;
    std::string word;
    while (it != last && ((*it >= 'a' && *it <= 'z') || (*it >= '0' && *it <= '9') || *it == '_'))
      word.push_back(*it++);
    if (!(word.starts_with("match") || word == "not")) return false;
    if (it == last || *it != '(') return false;
    Iterator open = it;
    int depth = 0;
    for (; it != last; ++it) {
      if (*it == '\\') {
        if (std::next(it) == last) break;
        ++it;
      } else if (*it == '(') {
        ++depth;
      } else if (*it == ')' && --depth == 0) {
        break;
      }
    }
    if (it == last)
      boost::throw_exception(x3::expectation_failure<Iterator>(open, "a ')' to close this '('"));
    ++it;
    auto& s = st(ctx);
    s.pattern = PatternText{};
    s.pattern.source.assign(first, it);
    s.pattern.place = s.place_of(first);
    first = it;
    return true;
  }
};
const pattern_parser pattern_raw{};

auto set_scope(match::Scope scope) {
  return [scope](auto& ctx) { st(ctx).pattern.scope = scope; };
}

// PATTERN [within sentence|paragraph|answer]
auto pattern(const char* name) {
  return named(name, pattern_raw >>
         -(kw("within") >
           named("'paragraph' or 'answer' after 'within'",
                 kw("sentence")[set_scope(match::Scope::sentence)] |
                     kw("paragraph")[set_scope(match::Scope::paragraph)] |
                     kw("answer")[set_scope(match::Scope::response)])));
}

// ---- conditions ----------------------------------------------------------------------------

x3::symbols<Condition::Cmp> comparisons;

struct comparisons_init {
  comparisons_init() {
    comparisons.add(">=", Condition::Cmp::ge)(">", Condition::Cmp::gt)("<=", Condition::Cmp::le)(
        "<", Condition::Cmp::lt)("==", Condition::Cmp::eq)("!=", Condition::Cmp::ne);
  }
} const comparisons_init_once;

const x3::rule<struct cond_or_, Condition> cond_or = "a condition, such as explained >= 2";
const x3::rule<struct cond_and_, Condition> cond_and = "a condition, such as explained >= 2";
const x3::rule<struct cond_not_, Condition> cond_not = "a condition, such as explained >= 2";
const x3::rule<struct cond_primary_, Condition> cond_primary =
    "a measure (such as explained), 'not' or '('";

const auto assign = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };

auto join(Condition::Op op) {
  return [op](auto& ctx) {
    Condition& v = x3::_val(ctx);
    if (v.op != op) {
      Condition j;
      j.op = op;
      j.place = v.place;
      j.operands.push_back(std::move(v));
      v = std::move(j);
    }
    v.operands.push_back(x3::_attr(ctx));
  };
}

const auto measure_name = x3::lexeme[(x3::char_("a-z") | x3::char_('_')) >>
                                     *(x3::char_("a-z") | x3::char_("0-9") | x3::char_('_')) >>
                                     !id_char];

const auto measure_term =
    x3::raw[!(kw("and") | kw("or") | kw("not")) >> measure_name][([](auto& ctx) {
      auto r = x3::_attr(ctx);
      Condition& v = x3::_val(ctx);
      v = Condition{};
      v.op = Condition::Op::measure;
      v.measure.assign(r.begin(), r.end());
      v.place = st(ctx).place_of(r.begin());
    })] >>
    -((comparisons[([](auto& ctx) {
        x3::_val(ctx).op = Condition::Op::compare;
        x3::_val(ctx).cmp = x3::_attr(ctx);
      })] >
       named("a number after the comparison",
            x3::lexeme[x3::double_ >> !id_char][([](auto& ctx) { st(ctx).value = x3::_attr(ctx); })])) >>
      x3::eps[([](auto& ctx) { x3::_val(ctx).value = st(ctx).value; })]);

const auto cond_or_def = cond_and[assign] >> *(kw("or") > cond_and)[join(Condition::Op::or_)];
const auto cond_and_def = cond_not[assign] >> *(kw("and") > cond_not)[join(Condition::Op::and_)];
const auto cond_not_def =
    (kw("not") > cond_not)[([](auto& ctx) {
      Condition n;
      n.op = Condition::Op::not_;
      n.place = x3::_attr(ctx).place;
      n.operands.push_back(x3::_attr(ctx));
      x3::_val(ctx) = std::move(n);
    })] |
    cond_primary[assign];
const auto cond_primary_def =
    ('(' > cond_or[assign] > named("')' to close the '('", x3::lit(')'))) | measure_term;

BOOST_SPIRIT_DEFINE(cond_or, cond_and, cond_not, cond_primary)

const auto condition = [](const char* name) {
  return named(name, cond_or[([](auto& ctx) { st(ctx).cond = x3::_attr(ctx); })]);
};

// ---- statements ----------------------------------------------------------------------------

template <class D>
D& decl(ParseState& s) {
  return std::get<D>(s.current());
}

// A singular statement given twice is an error at the second one.
template <class T>
void set_once(ParseState& s, std::optional<Located<T>>& slot, T value, const char* what) {
  if (slot)
    throw AuthorError{s.keyword, std::string("'") + what + "' is given twice (first at line " +
                                     std::to_string(slot->place.line) + ")"};
  slot = Located<T>{std::move(value), s.place_of(s.keyword)};
}

const auto cards_stmt =
    kw_at("cards") >
    named("a card number after 'cards'",
          +x3::raw[digits][([](auto& ctx) {
            auto& s = st(ctx);
            auto r = x3::_attr(ctx);
            Located<int> card{static_cast<int>(to_number(r.begin(), r.end())), s.place_of(r.begin())};
            std::visit(
                [&](auto& d) {
                  if constexpr (requires { d.cards; }) d.cards.push_back(card);
                },
                s.current());
          })]);

// names / explain / claim: `push` moves the scratch pattern to its declaration.
template <class Push>
auto pattern_stmt(const char* keyword, const char* name, Push push) {
  return (kw_at(keyword) > pattern(name))[([push](auto& ctx) { push(st(ctx)); })];
}

const auto names_stmt = pattern_stmt(
    "names", "a pattern after 'names', such as match_w(secretary)", [](ParseState& s) {
      std::visit(
          [&](auto& d) {
            if constexpr (requires { d.names; }) d.names.push_back(s.pattern);
          },
          s.current());
    });
const auto explain_stmt =
    pattern_stmt("explain", "a pattern after 'explain', such as match_w(appoint*)",
                 [](ParseState& s) { decl<Factor>(s).explain.push_back(s.pattern); });
const auto claim_stmt =
    pattern_stmt("claim", "a pattern after 'claim', such as match_w(lenin appointed)",
                 [](ParseState& s) { decl<Misconception>(s).claims.push_back(s.pattern); });

const auto example_stmt =
    (kw_at("example") >
     named("'hit' or 'miss' after 'example'",
           kw("hit")[([](auto& ctx) { st(ctx).hit = true; })] |
               kw("miss")[([](auto& ctx) { st(ctx).hit = false; })]) >
     quoted("the example's text in quotes"))[([](auto& ctx) {
      auto& s = st(ctx);
      Example e{s.hit, s.s1, s.place_of(s.keyword)};
      std::visit(
          [&](auto& d) {
            if constexpr (requires { d.examples; }) d.examples.push_back(e);
          },
          s.current());
    })];

template <class D>
auto text_stmt(const char* keyword, const char* name, std::optional<Located<std::string>> D::*slot) {
  return (kw_at(keyword) > quoted(name))[([slot, keyword](auto& ctx) {
    auto& s = st(ctx);
    set_once(s, decl<D>(s).*slot, s.s1, keyword);
  })];
}

template <class D>
auto number_stmt(const char* keyword, const char* name, std::optional<Located<int>> D::*slot) {
  return (kw_at(keyword) > number(name))[([slot, keyword](auto& ctx) {
    auto& s = st(ctx);
    set_once(s, decl<D>(s).*slot, static_cast<int>(s.n1), keyword);
  })];
}

const auto hint_stmt = text_stmt("hint", "the hint in quotes after 'hint'", &Factor::hint);
const auto praise_stmt = text_stmt("praise", "the praise in quotes after 'praise'", &Factor::praise);
const auto side_stmt = (kw_at("side") > id("a side's id after 'side', such as agree"))[([](auto& ctx) {
  auto& s = st(ctx);
  set_once(s, decl<Factor>(s).side, s.idv, "side");
})];
const auto correction_stmt =
    text_stmt("correction", "the correction in quotes after 'correction'", &Misconception::correction);

const auto scheme_marks_stmt = number_stmt("marks", "a number of marks after 'marks'", &Scheme::marks);
const auto exam_year_stmt = number_stmt("exam-year", "a year after 'exam-year'", &Scheme::exam_year);

const auto level_stmt =
    (kw_at("level") > number("a level number after 'level'", &ParseState::n3) >
     range("a mark range such as 7-9 after the level number") >
     quoted("the level's descriptor in quotes, after its mark range") >
     -(kw("when") > condition("a condition after 'when', such as explained >= 2"))[([](auto& ctx) {
       auto& s = st(ctx);
       s.when = std::move(s.cond);
       s.cond.reset();
     })] >
     -(kw("top") > named("'when' and a condition after 'top'", kw("when")) >
       condition("a condition after 'top when', such as precise and judgement"))[([](auto& ctx) {
         auto& s = st(ctx);
         s.top = std::move(s.cond);
         s.cond.reset();
       })] >
     -(kw("bottom") > named("'when' and a condition after 'bottom'", kw("when")) >
       condition("a condition after 'bottom when', such as errors > 0"))[([](auto& ctx) {
         auto& s = st(ctx);
         s.bottom = std::move(s.cond);
         s.cond.reset();
       })])[([](auto& ctx) {
      auto& s = st(ctx);
      Level l;
      l.number = static_cast<int>(s.n3);
      l.min_mark = static_cast<int>(s.n1);
      l.max_mark = static_cast<int>(s.has_n2 ? s.n2 : s.n1);
      l.descriptor = s.s1;
      l.when = std::move(s.when);
      l.top = std::move(s.top);
      l.bottom = std::move(s.bottom);
      s.when.reset();
      s.top.reset();
      s.bottom.reset();
      l.place = s.place_of(s.keyword);
      decl<Scheme>(s).levels.push_back(std::move(l));
    })];

const auto cap_stmt =
    (kw_at("cap") > number("a maximum mark after 'cap'") >
     named("'when' and a condition after the cap's mark", kw("when")) >
     condition("a condition after 'when', such as explained < 2") >
     quoted("the reason for the cap in quotes, after its condition"))[([](auto& ctx) {
      auto& s = st(ctx);
      Cap c;
      c.max_mark = static_cast<int>(s.n1);
      c.when = std::move(*s.cond);
      s.cond.reset();
      c.reason = s.s1;
      c.place = s.place_of(s.keyword);
      decl<Scheme>(s).caps.push_back(std::move(c));
    })];

const auto award_stmt =
    (kw_at("award") > number("a number of points after 'award'", &ParseState::n3) >
     named("'per' and a measure after the award's points", kw("per")) >
     named("a measure after 'per', such as credited",
           x3::raw[measure_name][([](auto& ctx) {
             const auto r = x3::_attr(ctx);
             st(ctx).idv.assign(r.begin(), r.end());
           })]) >
     -(kw("max") > number("a maximum number of points after 'max'", &ParseState::n2)
                       [([](auto& ctx) { st(ctx).has_n2 = true; })]) >
     quoted("the reason for the award in quotes"))[([](auto& ctx) {
      auto& s = st(ctx);
      Award a;
      a.points = static_cast<int>(s.n3);
      a.measure = s.idv;
      a.max_points = s.has_n2 ? static_cast<int>(s.n2) : 0;
      a.reason = s.s1;
      a.place = s.place_of(s.keyword);
      s.has_n2 = false;
      decl<Scheme>(s).awards.push_back(std::move(a));
    })];

const auto question_stmt =
    text_stmt("question", "the question in quotes after 'question'", &Prompt::question);
const auto topic_stmt = text_stmt("topic", "the topic in quotes after 'topic'", &Prompt::topic);
const auto prompt_marks_stmt = number_stmt("marks", "a number of marks after 'marks'", &Prompt::marks);
const auto minutes_stmt = number_stmt("minutes", "a number of minutes after 'minutes'", &Prompt::minutes);
const auto scheme_ref_stmt =
    (kw_at("scheme") > id("a mark scheme's id after 'scheme'"))[([](auto& ctx) {
      auto& s = st(ctx);
      set_once(s, decl<Prompt>(s).scheme, s.idv, "scheme");
    })];
const auto stimulus_stmt =
    (kw_at("stimulus") > id("a factor's id after 'stimulus'") >
     -quoted("the stimulus text in quotes"))[([](auto& ctx) {
      auto& s = st(ctx);
      decl<Prompt>(s).stimulus.push_back(Stimulus{s.idv, s.s1, s.place_of(s.keyword)});
    })];
const auto uses_stmt = (kw_at("uses") > id("a rubric's id after 'uses' (its file name)"))[([](auto& ctx) {
  auto& s = st(ctx);
  decl<Prompt>(s).uses.push_back(Located<std::string>{s.idv, s.place_of(s.keyword)});
})];

// ---- declarations --------------------------------------------------------------------------

// Starts a declaration of kind D once its header is read: id (scratch idv), place, and `fill`.
template <class D, class Fill>
auto start_decl(Fill fill) {
  return [fill](auto& ctx) {
    auto& s = st(ctx);
    D d;
    d.id = s.idv;
    d.place = s.place_of(s.keyword);
    fill(s, d);
    s.file.declarations.emplace_back(std::move(d));
  };
}

const auto factor_decl =
    (kw_at("factor") > id("an id after 'factor', such as general-secretary") >
     quoted("the factor's label in quotes, after its id"))[start_decl<Factor>([](ParseState& s, Factor& d) {
      d.label = s.s1;
    })] >
    named("'{' to open the factor", x3::lit('{')) >
    *(cards_stmt | names_stmt | explain_stmt | hint_stmt | praise_stmt | side_stmt | example_stmt) >
    named("a factor statement (cards, names, explain, hint, praise, side, example) or '}'", x3::lit('}'));

const auto term_decl =
    (kw_at("term") > id("an id after 'term', such as triumvirate") >
     quoted("the term in quotes, after its id") >
     quoted("the term's definition in quotes, after the term", &ParseState::s2))
        [start_decl<Term>([](ParseState& s, Term& d) {
          d.term = s.s1;
          d.definition = s.s2;
        })] >
    named("'{' to open the term", x3::lit('{')) >
    *(cards_stmt | names_stmt | example_stmt) >
    named("a term statement (cards, names, example) or '}'", x3::lit('}'));

const auto event_decl =
    (kw_at("event") > id("an id after 'event', such as triumvirate-formed") >
     range("a year or a range of years after the event's id, such as 1923 or 1927-1928") >
     -quoted("what happened, in quotes"))[start_decl<Event>([](ParseState& s, Event& d) {
      d.year_from = static_cast<int>(s.n1);
      d.year_to = static_cast<int>(s.has_n2 ? s.n2 : s.n1);
      d.what = s.s1;
    })] >
    named("'{' to open the event", x3::lit('{')) >
    *(cards_stmt | names_stmt | example_stmt) >
    named("an event statement (cards, names, example) or '}'", x3::lit('}'));

const auto misconception_decl =
    (kw_at("misconception") > id("an id after 'misconception'") >
     quoted("the wrong claim in quotes, after the misconception's id"))
        [start_decl<Misconception>([](ParseState& s, Misconception& d) { d.claim_text = s.s1; })] >
    named("'{' to open the misconception", x3::lit('{')) >
    *(cards_stmt | claim_stmt | correction_stmt | example_stmt) >
    named("a misconception statement (cards, claim, correction, example) or '}'", x3::lit('}'));

const auto signal_decl =
    (kw_at("signal") > id("an id after 'signal', such as causal") >
     quoted("the signal's label in quotes, after its id"))[start_decl<Signal>([](ParseState& s, Signal& d) {
      d.label = s.s1;
    })] >
    named("'{' to open the signal", x3::lit('{')) > *(names_stmt | example_stmt) >
    named("a signal statement (names, example) or '}'", x3::lit('}'));

const auto scheme_decl =
    (kw_at("scheme") > id("an id after 'scheme', such as edexcel-explain-why") >
     quoted("the scheme's title in quotes, after its id"))
        [start_decl<Scheme>([](ParseState& s, Scheme& d) { d.title = s.s1; })] >
    named("'{' to open the scheme", x3::lit('{')) >
    *(scheme_marks_stmt | level_stmt | award_stmt | cap_stmt | exam_year_stmt) >
    named("a scheme statement (marks, level, award, cap, exam-year) or '}'", x3::lit('}'));

const auto prompt_decl =
    (kw_at("prompt") > id("an id after 'prompt', such as why-stalin-won"))
        [start_decl<Prompt>([](ParseState&, Prompt&) {})] >
    named("'{' to open the prompt", x3::lit('{')) >
    *(question_stmt | topic_stmt | prompt_marks_stmt | scheme_ref_stmt | minutes_stmt | stimulus_stmt | uses_stmt) >
    named("a prompt statement (question, topic, marks, scheme, minutes, stimulus, uses) or '}'", x3::lit('}'));

const auto file_grammar =
    *(factor_decl | term_decl | event_decl | misconception_decl | signal_decl | scheme_decl | prompt_decl) >
    named("a declaration (factor, term, event, misconception, signal, scheme or prompt)", x3::eoi);

Error located_error(const ParseState& s, It where, std::string message, bool exact = false) {
  if (!exact) where = skip_blank(where, s.end);
  At at = s.place_of(where);
  Error e = make_error(ErrorKind::rubric, std::move(message));
  e.file = s.path;
  e.line = at.line;
  e.column = at.column;
  e.excerpt = excerpt_at(*s.file.text, at.line, at.column);
  return e;
}

}  // namespace

std::string excerpt_at(std::string_view text, int line, int column) {
  std::size_t start = 0;
  for (int l = 1; l < line; ++l) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  auto end = text.find('\n', start);
  std::string_view row = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
  if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
  std::string out(row);
  out += '\n';
  // the caret: copy tabs so that it lines up, one space for every other character
  int col = 1;
  for (std::size_t i = 0; i < row.size() && col < column; ++i) {
    auto c = static_cast<unsigned char>(row[i]);
    if ((c & 0xC0) == 0x80) continue;
    out += c == '\t' ? '\t' : ' ';
    ++col;
  }
  for (; col < column; ++col) out += ' ';
  out += '^';
  return out;
}

Result<File> parse(std::string_view text, const std::string& path) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  auto source = std::make_shared<const std::string>(text);
  ParseState s;
  s.path = path;
  s.begin = source->begin();
  s.end = source->end();
  s.line_starts.push_back(0);
  for (std::size_t i = 0; i < source->size(); ++i)
    if ((*source)[i] == '\n') s.line_starts.push_back(i + 1);
  s.keyword = s.begin;
  s.file.path = path;
  s.file.text = source;
  It first = s.begin;
  try {
    bool ok = x3::phrase_parse(first, s.end, x3::with<state_tag>(std::ref(s))[file_grammar], skipper);
    if (!ok || first != s.end)
      return located_error(s, first,
                           "expected a declaration (factor, term, event, misconception, signal, scheme or prompt)");
  } catch (const x3::expectation_failure<It>& e) {
    return located_error(s, e.where(), "expected " + e.which());
  } catch (const AuthorError& e) {
    return located_error(s, e.where, e.message, e.exact);
  }
  return std::move(s.file);
}

Result<File> parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e = make_error(ErrorKind::usage, "cannot read this file");
    e.file = path;
    return e;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

}  // namespace ec::rubric::ast
