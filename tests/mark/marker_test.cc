// Marking short answers that each show one behaviour: explained vs mentioned, the stimulus cap, a
// wrong date, a misconception, a list, a copied question, an empty answer, determinism.
#include <gtest/gtest.h>

#include "mark/marker.h"
#include "support/bundled_library.h"
#include "support/test_support.h"

namespace ec::mark {
namespace {

const rubric::Library& library() { return ec::testing::bundled_library(); }

Assessment mark_answer(const std::string& answer, const std::string& prompt = "why-stalin-won") {
  auto marker = Marker::make(library(), prompt);
  if (!marker) throw std::runtime_error(marker.error().message);
  auto doc = text::Document::build(answer);
  return marker->assess(doc);
}

const FactorResult& factor(const Assessment& a, const std::string& id) {
  for (const auto& f : a.factors) {
    if (f.factor->id == id) return f;
  }
  throw std::runtime_error("no factor " + id);
}

bool has_flag(const Assessment& a, FlagKind k) {
  return std::any_of(a.flags.begin(), a.flags.end(), [&](const Flag& f) { return f.kind == k; });
}

TEST(Marker, UnknownPromptSaysWhichPromptsThereAre) {
  auto m = Marker::make(library(), "why-lenin-won");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("no prompt 'why-lenin-won'"), std::string::npos);
  EXPECT_NE(m.error().message.find("why-stalin-won"), std::string::npos);
}

TEST(Marker, EmptyAnswerGetsZeroAndSaysWhy) {
  auto a = mark_answer("");
  EXPECT_EQ(a.mark, 0);
  EXPECT_EQ(a.level, 0);
  EXPECT_TRUE(has_flag(a, FlagKind::empty));
  auto blank = mark_answer("   \n\n  \t ");
  EXPECT_EQ(blank.mark, 0);
  EXPECT_TRUE(has_flag(blank, FlagKind::empty));
}

TEST(Marker, NamingAFactorIsMentionedLinkingItWithDetailIsExplained) {
  auto named = mark_answer("Stalin was General Secretary of the party.");
  EXPECT_EQ(factor(named, "general-secretary").status, FactorStatus::mentioned);
  auto explained = mark_answer(
      "Stalin was General Secretary of the party. This meant that he could appoint his supporters to key "
      "posts, so they voted for him at the Party Congress.");
  const auto& f = factor(explained, "general-secretary");
  EXPECT_EQ(f.status, FactorStatus::explained);
  ASSERT_TRUE(f.explained_in.has_value());
  EXPECT_EQ(*f.explained_in, 0u);  // named in sentence 0, explained by the link in sentence 1
  EXPECT_EQ(factor(explained, "cult-of-lenin").status, FactorStatus::missing);
}

TEST(Marker, CausalLanguageInAnotherParagraphDoesNotExplain) {
  auto a = mark_answer(
      "Stalin was General Secretary and could appoint his supporters.\n\nThis meant that the NEP ended.");
  EXPECT_EQ(factor(a, "general-secretary").status, FactorStatus::mentioned);
}

TEST(Marker, AnswerWithinTheStimulusIsCappedAtEight) {
  // Two stimulus points, well explained with precise detail: the top of Level 3 (9) without the cap.
  std::string answer =
      "Stalin became General Secretary in 1922. This meant that he could appoint his supporters to key "
      "posts in the party, so they voted for him at every Party Congress.\n\n"
      "Trotsky's weaknesses also helped Stalin. Trotsky was arrogant and missed Lenin's funeral, so many "
      "Bolsheviks did not trust him and he lost support. In 1925 Trotsky had to resign as Commissar for War, "
      "so he lost the Red Army.\n\n"
      "The most important reason was Stalin's job as General Secretary because it gave him votes.";
  auto a = mark_answer(answer);
  EXPECT_EQ(a.measure("beyond_stimulus"), 0);
  EXPECT_EQ(a.measure("explained"), 2);
  EXPECT_EQ(a.mark, 8);
  EXPECT_EQ(a.level, 3);
}

TEST(Marker, WrongYearNextToAnEventIsAFactualErrorWithTheRightYear) {
  auto a = mark_answer("Lenin died in 1926 and the struggle for power began.");
  ASSERT_EQ(a.dates.size(), 1u);
  EXPECT_FALSE(a.dates[0].correct);
  EXPECT_EQ(a.dates[0].event->id, "lenin-dies");
  ASSERT_TRUE(has_flag(a, FlagKind::factual_error));
  auto right = mark_answer("Lenin died in 1924 and the struggle for power began.");
  ASSERT_EQ(right.dates.size(), 1u);
  EXPECT_TRUE(right.dates[0].correct);
  EXPECT_FALSE(has_flag(right, FlagKind::factual_error));
}

TEST(Marker, AYearInASentenceThatRefersBackDatesTheEventBeforeIt) {
  // "This happened in 1932": the sentence names no event; it dates the one the sentence before named.
  auto a = mark_answer("One reason was the grain procurement crisis. This happened in 1932 when the peasants hid "
                       "their grain.", "why-collectivisation");
  ASSERT_EQ(a.dates.size(), 1u);
  EXPECT_EQ(a.dates[0].event->id, "procurement-crisis");
  EXPECT_FALSE(a.dates[0].correct);
  EXPECT_TRUE(has_flag(a, FlagKind::factual_error));
  auto right = mark_answer("One reason was the grain procurement crisis. This happened in 1927 when the peasants "
                           "hid their grain.", "why-collectivisation");
  ASSERT_EQ(right.dates.size(), 1u);
  EXPECT_TRUE(right.dates[0].correct);
  // Not a back-reference (the year is far into the sentence, or the sentence opens otherwise):
  // nothing is dated, and no error invented.
  auto far = mark_answer("One reason was the grain procurement crisis. The peasants hid grain because prices were low "
                         "and later in 1932 there was a famine.", "why-collectivisation");
  EXPECT_FALSE(has_flag(far, FlagKind::factual_error));
}

TEST(Marker, MisconceptionIsFlaggedWithItsCorrection) {
  auto a = mark_answer("Trotsky was the General Secretary of the party in 1922.");
  EXPECT_TRUE(has_flag(a, FlagKind::misconception));
}

TEST(Marker, ListOfNamesIsHeldToLevelOne) {
  auto a = mark_answer(
      "General Secretary\nTriumvirate 1923\nDuumvirate 1925\nLenin's Testament\nban on factions 1921\n"
      "Trotsky arrogant\nSocialism in One Country\nUnited Opposition 1926\nBukharin\n");
  EXPECT_TRUE(has_flag(a, FlagKind::keyword_list));
  EXPECT_LE(a.mark, 3);
}

TEST(Marker, CopiedQuestionEarnsNothing) {
  auto a = mark_answer("Explain why Stalin won the power struggle, 1924-28.");
  EXPECT_EQ(a.mark, 0);
  EXPECT_TRUE(has_flag(a, FlagKind::copied_prompt));
}

TEST(Marker, RepeatedSentencesEarnNothingMore) {
  std::string once = "Stalin was General Secretary. He appointed supporters, so they voted for him. ";
  auto a = mark_answer(once);
  auto padded = mark_answer(once + once + once);
  EXPECT_TRUE(has_flag(padded, FlagKind::padding));
  EXPECT_EQ(padded.measure("explained"), a.measure("explained"));
  EXPECT_LE(padded.mark, a.mark);
}

TEST(Marker, TheSameAnswerAlwaysGetsTheSameAssessment) {
  std::string answer = ec::testing::read_file(ec::testing::repo_dir() + "/examples/why-stalin-won/middling.txt");
  auto a = mark_answer(answer), b = mark_answer(answer);
  EXPECT_EQ(a.mark, b.mark);
  EXPECT_EQ(a.level, b.level);
  EXPECT_EQ(a.reasons, b.reasons);
  EXPECT_EQ(a.measures, b.measures);
}

TEST(Marker, LevelConditionsComeFromTheSchemeFile) {
  rubric::Condition c;
  c.op = rubric::Condition::Op::compare;
  c.measure = "explained";
  c.cmp = rubric::Condition::Cmp::ge;
  c.value = 2;
  EXPECT_TRUE(holds(c, {{"explained", 2}}));
  EXPECT_FALSE(holds(c, {{"explained", 1}}));
  EXPECT_FALSE(holds(c, {}));
}

}  // namespace
}  // namespace ec::mark

namespace ec::mark {
namespace {

TEST(Spelling, MisspeltNamesAreStillCreditedAndReportedWithTheRightForm) {
  auto a = mark_answer(
      "Stallin was General Secretary. Zinovyev and Kamenef joined him in the Triumvirate against Trotsky.");
  std::vector<std::string> messages;
  for (const auto& f : a.flags) {
    if (f.kind == FlagKind::misspelling) messages.push_back(f.message);
  }
  EXPECT_NE(std::find(messages.begin(), messages.end(), "\"Stallin\" is spelt \"Stalin\"."), messages.end());
  EXPECT_NE(std::find(messages.begin(), messages.end(), "\"Zinovyev\" is spelt \"Zinoviev\"."), messages.end());
  EXPECT_NE(std::find(messages.begin(), messages.end(), "\"Kamenef\" is spelt \"Kamenev\"."), messages.end());
  EXPECT_NE(factor(a, "alliances").status, FactorStatus::missing);  // still credited
}

TEST(Spelling, RubricVocabularyIsNeverFlagged) {
  if (!spell_checker_available()) GTEST_SKIP() << "Hunspell en_GB dictionary not installed";
  auto a = mark_answer(
      "Zinoviev, Kamenev and Bukharin were outvoted. Peasants were forced into a kolkhoz. The Nepmen "
      "grew rich. Stalin's power grew. He didnt care.");
  for (const auto& n : a.spelling) {
    EXPECT_TRUE(n.correct.empty()) << "a correct word was flagged as a key misspelling";
  }
  ASSERT_EQ(a.spelling.size(), 1u);  // only "didnt"
  EXPECT_TRUE(std::none_of(a.flags.begin(), a.flags.end(),
                           [](const Flag& f) { return f.kind == FlagKind::misspelling; }));
}

}  // namespace
}  // namespace ec::mark

namespace ec::mark {
namespace {

// The next-level suggestion is computed by re-marking; a student who does what it says gets there.
TEST(NextLevel, DoingWhatItSuggestsReachesTheLevelItPromises) {
  std::string answer =
      ec::testing::read_file(ec::testing::repo_dir() + "/examples/why-stalin-won/stimulus-only.txt");
  auto before = mark_answer(answer);
  ASSERT_TRUE(before.next_level.has_value());
  const auto& n = *before.next_level;
  EXPECT_EQ(n.change, "add-factor");
  ASSERT_TRUE(n.level.has_value());
  EXPECT_GT(*n.level, *before.level);
  EXPECT_NE(n.task.find("Stalin's rivals underestimated him"), std::string::npos) << n.task;
  EXPECT_FALSE(n.cards.empty());
  // The redraft: one paragraph on that factor, as the task asks.
  std::string redraft = answer +
                        "\n\nAnother reason was that Stalin's rivals underestimated him. Trotsky called him a grey "
                        "blur and the others saw him as a dull administrator, the Comrade Card Index. This meant "
                        "that they did not see him as a threat, so he built up his power in the party without "
                        "anyone stopping him.\n";
  auto after = mark_answer(redraft);
  EXPECT_EQ(after.level, n.level);
  EXPECT_EQ(after.mark, n.mark);
}

TEST(NextLevel, AMiddlingAnswerNeedsAnExplanationAndAJudgement) {
  auto a = mark_answer(ec::testing::read_file(ec::testing::repo_dir() + "/examples/why-stalin-won/middling.txt"));
  // Three factors explained (its Trotsky paragraph is developed in the sentences that refer back to
  // him: "Because of this people thought he was disloyal and he lost support"): 9, the top of Level
  // 3; Level 4 needs a judgement.
  EXPECT_EQ(a.mark, 9);
  ASSERT_TRUE(a.next_level.has_value());
  EXPECT_EQ(a.next_level->level, 4);
  EXPECT_EQ(a.next_level->mark, 12);
  EXPECT_EQ(a.next_level->change, "add-judgement");
}

TEST(NextLevel, AGeneralisedAnswerIsToldToAddKnowledgeAndThatLiftsIt) {
  // Linked reasons but no specific knowledge: the scheme's cap (`specific < 3`) holds it in Level
  // 1-2, and the suggestion is as many facts as lift that cap (the threshold is the scheme's).
  const std::string general =
      "Stalin won the power struggle because he was very clever at politics. He made sure the people in the "
      "party liked him, so when there were votes they voted for him and not for his rivals. This meant that "
      "he could beat them one by one.\n\nAnother reason was that Trotsky made mistakes. He was arrogant and "
      "did not try to make friends, so the other leaders did not trust him. This meant that they ganged up "
      "against him and he lost.\n\nAlso Stalin was ruthless. He turned on people who had helped him, so "
      "nobody could stand up to him in the end. This is why he won.\n";
  auto a = mark_answer(general);
  EXPECT_EQ(a.measure("specific"), 0);
  ASSERT_TRUE(a.next_level.has_value());
  EXPECT_EQ(a.next_level->change, "add-knowledge");
  ASSERT_TRUE(a.next_level->level.has_value());
  EXPECT_GT(*a.next_level->level, *a.level);
  // The redraft: the first reason with the facts behind it (post, year, congress).
  std::string redraft = general;
  const std::string vague = "He made sure the people in the party liked him, so when there were votes they voted";
  redraft.replace(redraft.find(vague), vague.size(),
                  "As General Secretary from 1922 he appointed his supporters to posts in the party, so when there "
                  "were votes at the Party Congress they voted");
  auto after = mark_answer(redraft);
  EXPECT_GE(after.measure("specific"), 3);
  EXPECT_GE(after.level, a.next_level->level);
  EXPECT_GE(after.mark, a.next_level->mark);
}

TEST(NextLevel, AJudgementOnlyInTheConclusionIsNotSustained) {
  // Seven factors explained and a supported judgement, but argued only in the conclusion: 11, and
  // the way to 12 is to sustain the judgement through the answer.
  auto a = mark_answer(ec::testing::read_file(ec::testing::repo_dir() + "/examples/why-stalin-won/strong.txt"));
  EXPECT_EQ(a.measure("judgement"), 1);
  EXPECT_EQ(a.measure("sustained"), 0);
  EXPECT_EQ(a.mark, 11);
  ASSERT_TRUE(a.next_level.has_value());
  EXPECT_EQ(a.next_level->mark, 12);
  EXPECT_EQ(a.next_level->change, "sustain-judgement");
}

}  // namespace
}  // namespace ec::mark

namespace ec::mark {
namespace {

TEST(Structure, EachParagraphIsReadAsPointEvidenceExplainLink) {
  auto a = mark_answer(
      "Stalin became General Secretary in 1922. This meant that he could appoint his supporters to key posts, "
      "so they voted for him at the Party Congress. That is one reason why Stalin won the power struggle.\n\n"
      "Trotsky was arrogant.\n\n"
      "There were many other things too.");
  ASSERT_EQ(a.structure.size(), 3u);
  ASSERT_NE(a.structure[0].point, nullptr);
  EXPECT_EQ(a.structure[0].point->id, "general-secretary");
  EXPECT_TRUE(a.structure[0].evidence);
  EXPECT_TRUE(a.structure[0].explain);
  EXPECT_TRUE(a.structure[0].link);
  ASSERT_NE(a.structure[1].point, nullptr);
  EXPECT_FALSE(a.structure[1].explain);
  EXPECT_FALSE(a.structure[1].link);
  EXPECT_EQ(a.structure[2].point, nullptr);
}

TEST(ExamYear, BeforeSummer2024AnAnswerWithinTheStimulusStayedInLevelTwo) {
  std::string answer =
      ec::testing::read_file(ec::testing::repo_dir() + "/examples/why-stalin-won/stimulus-only.txt");
  auto doc = text::Document::build(answer);
  auto now = Marker::make(library(), "why-stalin-won");
  auto then = Marker::make(library(), "why-stalin-won", 2023);
  ASSERT_TRUE(now.ok() && then.ok());
  auto a = now->assess(doc), b = then->assess(doc);
  EXPECT_EQ(a.exam_year, 2025);
  EXPECT_EQ(a.mark, 8);
  EXPECT_EQ(b.exam_year, 2023);
  EXPECT_EQ(b.mark, 6);
  EXPECT_EQ(b.level, 2);
}

}  // namespace
}  // namespace ec::mark

namespace ec::mark {
namespace {

TEST(Marker, ANarrativeWithoutExplanationStaysInLevelTwo) {
  auto a = mark_answer(
      "In 1922 Stalin became General Secretary. In 1923 he formed the Triumvirate with Kamenev and Zinoviev. "
      "Lenin died in 1924. Then Trotsky published Lessons of October in 1924. In 1925 Trotsky resigned as "
      "Commissar for War. After that Stalin formed the Duumvirate with Bukharin in 1925. In 1926 the United "
      "Opposition was formed. Then in 1927 Trotsky was expelled from the party. Finally Stalin turned on "
      "Bukharin in 1928.");
  EXPECT_TRUE(has_flag(a, FlagKind::narrative));
  EXPECT_LE(a.level.value_or(0), 2);
  EXPECT_LE(a.mark, 6);
  EXPECT_GE(a.measure("dates"), 5);  // the knowledge is accurate, and says so
}

TEST(Marker, AnAnswerToAnotherQuestionEarnsAtMostTwo) {
  auto a = mark_answer(
      "The Five-Year Plans were a great success for Stalin. Magnitogorsk was built from nothing and became a "
      "huge steel town. The Dnieprostroi Dam produced electricity for industry. Heavy industry grew very fast "
      "and coal and steel output doubled. However consumer goods were ignored and workers had terrible "
      "housing, so living standards fell. Stakhanovites were rewarded for beating their quotas.");
  EXPECT_TRUE(has_flag(a, FlagKind::off_topic));
  EXPECT_LE(a.mark, 2);
}

TEST(Marker, AVeryShortAnswerIsFlagged) {
  auto a = mark_answer("Stalin won because he was General Secretary and Trotsky was arrogant.");
  EXPECT_TRUE(has_flag(a, FlagKind::too_short));
  EXPECT_LE(a.mark, 3);
}

TEST(Marker, KeyTermsInALineOfNotesDoNotCount) {
  auto notes = mark_answer("Triumvirate\nDuumvirate\nUnited Opposition\n");
  EXPECT_EQ(notes.measure("terms"), 0);
  auto prose = mark_answer("In 1923 Stalin formed the Triumvirate with Kamenev and Zinoviev against Trotsky.");
  EXPECT_GE(prose.measure("terms"), 1);
}

}  // namespace
}  // namespace ec::mark

namespace ec::mark {
namespace {

TEST(HowFar, BothSidesMustBeWeighedAndJudged) {
  auto strong = Marker::make(library(), "collectivisation-how-far");
  ASSERT_TRUE(strong.ok());
  auto doc = text::Document::build(
      ec::testing::read_file(ec::testing::repo_dir() + "/examples/collectivisation-how-far/strong.txt"));
  auto a = strong->assess(doc);
  EXPECT_EQ(a.measure("sides"), 2);
  EXPECT_EQ(a.level, 4);
  auto middling = text::Document::build(
      ec::testing::read_file(ec::testing::repo_dir() + "/examples/collectivisation-how-far/middling.txt"));
  auto b = strong->assess(middling);
  EXPECT_EQ(b.measure("judgement"), 0);
  EXPECT_LE(b.mark, 10);  // Level 3 without a judgement on "how far"
}

}  // namespace
}  // namespace ec::mark
