// The failure classes of issue 11, each pinned by answers written for this test with the mark an
// examiner gives them (in the comment above each), and the engine held to it or within the issue's
// expectation: generalised answers, term salad, one-line lists, paraphrased questions, marks within
// a level, "which was more important" judgements, dates in phrases, sibling questions, ranges of
// accepted facts and the caps.
#include <gtest/gtest.h>

#include "mark/marker.h"
#include "support/bundled_library.h"
#include "support/test_support.h"

namespace ec::mark {
namespace {

Assessment mark_as(const std::string& prompt, const std::string& answer) {
  auto marker = Marker::make(ec::testing::bundled_library(), prompt);
  if (!marker) throw std::runtime_error(marker.error().message);
  auto doc = text::Document::build(answer);
  return marker->assess(doc);
}

bool has_flag(const Assessment& a, FlagKind k) {
  return std::any_of(a.flags.begin(), a.flags.end(), [&](const Flag& f) { return f.kind == k; });
}

std::string example(const std::string& prompt, const std::string& name) {
  return ec::testing::read_file(ec::testing::repo_dir() + "/examples/" + prompt + "/" + name + ".txt");
}

// 1. Examiner: 1 (Level 1): simple, generalised, but relevant.
TEST(Examiner, AGeneralisedButRelevantAnswerIsLevelOneNotZero) {
  auto a = mark_as("why-stalin-won",
                   "Stalin won the power struggle because he was ruthless and people were scared of him. He was a "
                   "clever man who knew how to get what he wanted. Trotsky was not as good a politician as Stalin and "
                   "he did not have as many friends, so in the end Stalin beat him and became the leader.");
  EXPECT_EQ(a.level, 1);
  EXPECT_GE(a.mark, 1);
  EXPECT_LE(a.mark, 3);
  // Examiner: 0: the question restated, with no reason of its own.
  auto restated = mark_as("why-nep-divided-party",
                          "The NEP divided the Communist Party in the 1920s because it divided the party. That is "
                          "why the NEP divided the Communist Party in the 1920s.");
  EXPECT_EQ(restated.mark, 0);
  EXPECT_TRUE(has_flag(restated, FlagKind::copied_prompt));
}

// 2. Examiner: 1 (Level 1): key terms chained by "meant", "so", "because", with no true claim, and a
// cause dated after its effect.
TEST(Examiner, TermSaladIsIncoherentAndLevelOneAtMost) {
  auto a = mark_as(
      "why-stalin-won",
      "The Triumvirate meant that the NEP became the Right Opposition, so Socialism in One Country caused the "
      "Comrade Card Index. The Lenin Enrolment led to the Duumvirate because the ban on factions meant Permanent "
      "Revolution.\n\nTrotsky's expulsion in 1927 caused the Triumvirate in 1923, so the United Opposition meant "
      "Lenin's Testament. The General Secretary therefore resulted in the New Opposition and the Politburo.\n\n"
      "In conclusion the Comrade Card Index was the most important reason because the Triumvirate meant the "
      "Duumvirate.");
  ASSERT_TRUE(has_flag(a, FlagKind::incoherent));
  EXPECT_EQ(a.measure("incoherent"), 1);
  EXPECT_LE(a.level.value_or(0), 1);
  EXPECT_LE(a.mark, 3);
  // A real explanation that uses as many key terms is not salad.
  auto real = mark_as("why-stalin-won", example("why-stalin-won", "strong"));
  EXPECT_FALSE(has_flag(real, FlagKind::incoherent));
}

// 3. Examiner: 2 (Level 1): a comma-separated list of terms and dates on one line.
TEST(Examiner, ACommaSeparatedListOnOneLineIsAKeywordList) {
  auto a = mark_as("why-stalin-won",
                   "General Secretary 1922, Triumvirate 1923, Lenin dies 1924, Lessons of October, Duumvirate 1925, "
                   "United Opposition 1926, Trotsky expelled 1927, Lenin's Testament, Socialism in One Country, "
                   "Bukharin, grey blur.");
  EXPECT_TRUE(has_flag(a, FlagKind::keyword_list));
  EXPECT_EQ(a.level, 1);
  EXPECT_LE(a.mark, 3);
}

// 4. Examiner: 0: the question in other words.
TEST(Examiner, AParaphraseOfTheQuestionIsCopied) {
  auto a = mark_as("why-stalin-won", "Why did Stalin win the power struggle after Lenin died?");
  EXPECT_TRUE(has_flag(a, FlagKind::copied_prompt));
  EXPECT_EQ(a.mark, 0);
  auto b = mark_as("why-collectivisation", "Why was it that Stalin decided to introduce collectivisation?");
  EXPECT_TRUE(has_flag(b, FlagKind::copied_prompt));
  EXPECT_EQ(b.mark, 0);
}

// 5. Examiner: 11 (Level 4, not 12): seven factors explained with precise detail, but the judgement
// is made once, in the conclusion, so it is not sustained. Two factors explained: 8, the middle of
// Level 3 (the top needs a third).
TEST(Examiner, TheTopOfALevelNeedsTheWholeDescriptor) {
  auto strong = mark_as("why-stalin-won", example("why-stalin-won", "strong"));
  EXPECT_EQ(strong.level, 4);
  EXPECT_EQ(strong.mark, 11);
  EXPECT_EQ(strong.measure("sustained"), 0);
  auto two = mark_as("why-stalin-won",
                     "Stalin became General Secretary in 1922. This meant that he could appoint his supporters to key "
                     "posts, so they voted for him at the Party Congress.\n\n"
                     "Stalin also made alliances. In 1923 he formed the Triumvirate with Kamenev and Zinoviev, which "
                     "meant that Trotsky was isolated and outvoted in the Politburo.");
  EXPECT_EQ(two.level, 3);
}

// 6. Examiner: 10-12 (Level 4): both bullets explained, weighed in each paragraph and in a conclusion
// that says why one mattered more ("only mattered because …, so the post was more important").
TEST(Examiner, WeighingOneBulletAgainstTheOtherIsASustainedJudgement) {
  auto a = mark_as(
      "stalin-trotsky-more-important",
      "Stalin's position as General Secretary gave him great power. From 1922 he could appoint his supporters to "
      "key posts, so by 1925 the delegates at the Party Congress voted for him. This was more important than "
      "anything Trotsky did, because it gave Stalin votes.\n\n"
      "Trotsky's political mistakes also helped Stalin. Trotsky was arrogant and missed Lenin's funeral, so many "
      "Bolsheviks did not trust him and he lost support. However, his mistakes only mattered because Stalin "
      "could use them against him.\n\n"
      "Overall, Trotsky's mistakes only mattered because Stalin could exploit them from his position as General "
      "Secretary, so the post was more important.");
  EXPECT_EQ(a.measure("judgement"), 1);
  EXPECT_EQ(a.measure("comparison"), 1);
  EXPECT_EQ(a.level, 4);
}

// 7. Dates in phrases are correct dates; every evidence sentence names its factor.
TEST(Examiner, DatesInPhrasesCountAsCorrect) {
  auto a = mark_as("why-stalin-won",
                   "Stalin used his power as General Secretary from 1922 to appoint his supporters to key posts. At "
                   "the 1927 Congress his supporters outvoted the United Opposition, so Stalin had no rival left.");
  int correct = 0;
  for (const auto& d : a.dates) correct += d.correct;
  EXPECT_GE(correct, 1);  // "from 1922"; "at the 1927 Congress" is left to the event rules
  EXPECT_FALSE(has_flag(a, FlagKind::factual_error));
}

TEST(Examiner, EveryEvidenceSentenceNamesItsFactor) {
  for (const auto& [prompt, name] : std::vector<std::pair<std::string, std::string>>{
           {"why-stalin-won", "strong"}, {"why-stalin-won", "middling"}, {"why-collectivisation", "strong"},
           {"why-five-year-plans", "strong"}, {"five-year-plans-how-far", "strong"},
           {"stalin-trotsky-more-important", "strong"}}) {
    auto answer = example(prompt, name);
    auto doc = text::Document::build(answer);
    auto marker = Marker::make(ec::testing::bundled_library(), prompt);
    ASSERT_TRUE(marker.ok());
    auto a = marker->assess(doc);
    for (const auto& f : a.factors) {
      for (auto s : f.sentences) {
        // The sentence alone, marked again, still names the factor.
        auto alone = text::Document::build(std::string(doc.text(doc.sentences()[s].span)));
        auto again = marker->assess(alone);
        bool named = false;
        for (const auto& g : again.factors) named = named || (g.factor == f.factor && !g.sentences.empty());
        EXPECT_TRUE(named) << prompt << "/" << name << ": " << f.factor->id << " in \"" << doc.text(doc.sentences()[s].span)
                           << "\"";
      }
    }
  }
}

// 8. A strong answer to one of two sibling questions on the same topic, which also names the
// other's factors, is not off-topic (examiner: Level 3 or 4 under its own question).
struct Sibling {
  std::string prompt, sibling_paragraph;
};
TEST(Examiner, AStrongAnswerToASiblingQuestionIsNotOffTopic) {
  const std::vector<Sibling> pairs = {
      // why-five-year-plans, also naming results (five-year-plans-how-far, five-year-plans-more-important)
      {"why-five-year-plans",
       "The plans did build Magnitogorsk and the Dnieprostroi Dam, and heavy industry grew fast, but consumer goods "
       "were ignored and workers' lives were hard, with poor housing and Stakhanovite quotas."},
      // five-year-plans-how-far, also naming why they were introduced
      {"five-year-plans-how-far",
       "Stalin introduced the plans because he feared invasion from the capitalist West and wanted to grow the "
       "proletariat, saying the USSR was fifty to a hundred years behind the advanced countries."},
      // five-year-plans-more-important, also naming why and how far
      {"five-year-plans-more-important",
       "Stalin introduced the plans because he feared invasion, and historians still argue how far they were a "
       "success for him, since Magnitogorsk was built but consumer goods were ignored."},
      // why-collectivisation, also naming its impact (collectivisation-how-far)
      {"why-collectivisation",
       "Collectivisation led to a terrible famine in 1932-33 in Ukraine, and grain output fell, but food exports "
       "paid for the machines of the Five-Year Plans."},
      // collectivisation-how-far, also naming why it was introduced
      {"collectivisation-how-far",
       "Stalin introduced collectivisation because of the grain procurement crisis of 1927-28, when peasants held "
       "back grain, and because the Five-Year Plans needed food for the towns."},
      // why-stalin-won and stalin-trotsky-more-important share their rubric: never off-topic
      {"stalin-trotsky-more-important",
       "Stalin also made and broke alliances: the Triumvirate in 1923 and the Duumvirate with Bukharin in 1925."},
  };
  for (const auto& p : pairs) {
    auto a = mark_as(p.prompt, example(p.prompt, "strong") + "\n\n" + p.sibling_paragraph + "\n");
    EXPECT_FALSE(has_flag(a, FlagKind::off_topic)) << p.prompt;
    EXPECT_GE(a.level.value_or(0), 3) << p.prompt;
  }
}

// 9. Facts in the ranges historians accept are right; the stimulus cap and one-sided how-far answers.
TEST(Examiner, AcceptedRangesAreNotFactualErrors) {
  auto a = mark_as("collectivisation-how-far",
                   "The famine of 1932-33 killed between 5 and 7 million people, mostly in Ukraine, so collectivisation "
                   "was a disaster. Collectivisation from 1929 forced the peasants into kolkhozes, and it was "
                   "introduced in 1928.");
  EXPECT_FALSE(has_flag(a, FlagKind::factual_error));
}

// Examiner: 8 at most: both stimulus points explained well, another factor only named in passing.
TEST(Examiner, ExplainingOnlyTheStimulusPointsNeverExceedsEight) {
  auto a = mark_as(
      "why-stalin-won",
      "Stalin became General Secretary in 1922. This meant that he could appoint his supporters to key posts in "
      "the party, so they voted for him at every Party Congress and he controlled the party machine.\n\n"
      "Trotsky's weaknesses also helped Stalin. Trotsky was arrogant and missed Lenin's funeral, so many Bolsheviks "
      "did not trust him and he lost support. In 1925 Trotsky had to resign as Commissar for War, so he lost the "
      "Red Army.\n\n"
      "There was also the Triumvirate.\n\n"
      "The most important reason was Stalin's job as General Secretary because it gave him votes at the Congress.");
  EXPECT_GE(a.measure("beyond_stimulus"), 1);
  EXPECT_EQ(a.measure("explained_beyond_stimulus"), 0);
  EXPECT_LE(a.mark, 8);
}

// Examiner: Level 2 at most: a how-far answer that explains one side only, with an asserted conclusion.
TEST(Examiner, AOneSidedHowFarAnswerIsLevelTwoAtMost) {
  auto a = mark_as(
      "collectivisation-how-far",
      "Collectivisation was a disaster because it caused a terrible famine in 1932-33. Stalin took the grain from "
      "Ukraine, so millions of peasants starved to death.\n\n"
      "Collectivisation was also a disaster because grain output fell from 73.3 million tonnes in 1928 to 67.6 "
      "million in 1934. This meant that the peasants had less food, and the number of cattle nearly halved because "
      "peasants killed their animals rather than hand them over.\n\n"
      "The kulaks were liquidated as a class, so the best farmers were deported or shot.\n\n"
      "So I agree that collectivisation was a disaster.");
  EXPECT_LT(a.measure("sides"), 2);
  EXPECT_LE(a.level.value_or(0), 2);
  EXPECT_LE(a.mark, 8);
}

// Examiner: Level 2 at most: still one-sided when the other side's factor is named only in the service of
// its own ("the grain was exported to pay for factories, so people starved": the famine paragraph's case).
TEST(Examiner, TheOtherSidesFactorNamedInTheServiceOfOnesOwnIsStillOneSided) {
  auto a = mark_as(
      "collectivisation-how-far",
      "I agree that collectivisation was a disaster.\n\n"
      "The famine of 1932-33 was the worst of it. Stalin took the grain from Ukraine, so millions of peasants "
      "starved to death. Even then grain was exported to pay for machines for the Five-Year Plans, so people "
      "starved so that Stalin could build his factories.\n\n"
      "Grain output fell from 73.3 million tonnes in 1928 to 67.6 million in 1934. This meant that the peasants "
      "had less food, and the number of cattle nearly halved because peasants killed their animals.\n\n"
      "So I agree that collectivisation was a disaster.");
  EXPECT_LT(a.measure("sides"), 2);
  EXPECT_LE(a.level.value_or(0), 2);
  // The same factor made a point of its own, in a paragraph of its own, is the other side.
  auto two = mark_as(
      "collectivisation-how-far",
      "I partly agree that collectivisation was a disaster.\n\n"
      "The famine of 1932-33 was the worst of it. Stalin took the grain from Ukraine, so millions of peasants "
      "starved to death.\n\n"
      "But grain exports paid for the Five-Year Plans. The state took its quota from every kolkhoz, so grain was "
      "exported to pay for machines from abroad, which meant the factories could be built.\n\n"
      "So I only partly agree that collectivisation was a disaster.");
  EXPECT_EQ(two.measure("sides"), 2);
}

// Examiner: Level 2 (4-6): several reasons linked to the outcome in general terms only, with hardly any
// specific knowledge, is a generalised explanation, not Level 3's knowledge that supports it.
TEST(Examiner, LinksWithLittleSpecificKnowledgeStayInLevelTwo) {
  auto a = mark_as(
      "why-collectivisation",
      "Stalin introduced collectivisation because farming was old fashioned, so the peasants did not grow enough "
      "food.\n\n"
      "The grain procurement crisis was another reason because there was not enough grain, so the towns went "
      "hungry.\n\n"
      "The Five-Year Plans needed food for the workers, so collectivisation would help with that as well.\n\n"
      "Stalin also wanted control over the peasants because many of them did not like the communists.");
  EXPECT_GE(a.measure("explained"), 2);
  EXPECT_LT(a.measure("specific"), 3);
  EXPECT_EQ(a.level, 2);
}

// Rules read from the independent set's development half (tests/calibration/independent/dev.csv),
// each pinned by an answer written for this test.

// Examiner: Level 1: term salad built from another topic's terms (the Five-Year Plans in an answer
// on why Stalin won) is as incoherent as salad of the question's own.
TEST(Examiner, TermSaladOfAnotherTopicsTermsIsIncoherent) {
  auto a = mark_as("why-stalin-won",
                   "Stalin won because Magnitogorsk meant the Stakhanovites ended the NEP, so Gosplan caused the "
                   "Moscow Metro. This meant that the kulaks built the Dnieprostroi Dam because of the Great "
                   "Depression, so the proletariat was liquidated.\n\nTrotsky lost because internal passports meant "
                   "the famine, so heavy industry caused collectivisation and the Five-Year Plans defeated the Nazis.");
  EXPECT_TRUE(has_flag(a, FlagKind::incoherent));
  EXPECT_LE(a.level.value_or(0), 1);
}

// Examiner: Level 3 or 4: short, accurate sentences dense with key words, each linked by "so" or
// "meant", are explanation, not term salad; density alone is no evidence of incoherence.
TEST(Examiner, AccurateSentencesDenseWithKeyWordsAreNotTermSalad) {
  auto a = mark_as("why-stalin-won",
                   "As General Secretary from 1922 Stalin appointed supporters, so he controlled the Party Congress "
                   "and defeated the Left Opposition in 1927. Trotsky was arrogant and missed Lenin's funeral, so he "
                   "lost support in the Politburo. In 1925 he allied with Bukharin in the Duumvirate, so the United "
                   "Opposition was outvoted in 1926. Lenin's Testament was not published, so Stalin kept his post as "
                   "General Secretary. Overall the most important reason was his position as General Secretary "
                   "because it gave him the votes at every Congress.");
  EXPECT_FALSE(has_flag(a, FlagKind::incoherent));
  EXPECT_EQ(a.measure("incoherent"), 0);
  EXPECT_GE(a.level.value_or(0), 3);
  // Across topics, where the cards link them: the grain crisis, the plans and the kulaks.
  auto b = mark_as("why-collectivisation",
                   "The grain procurement crisis of 1927-28 meant the towns were short of food, so Stalin used the "
                   "Urals-Siberian method and ended the NEP. The First Five-Year Plan needed grain exports to pay for "
                   "machinery, so collectivisation was introduced in 1929 to feed the workers in Magnitogorsk. Stalin "
                   "blamed the kulaks for hoarding grain, so dekulakisation removed them from the villages. The most "
                   "important reason was the grain procurement crisis because without grain the Five-Year Plans "
                   "would fail.");
  EXPECT_FALSE(has_flag(b, FlagKind::incoherent));
  EXPECT_GE(b.level.value_or(0), 3);
  auto c = mark_as("why-nep-divided-party",
                   "The Nepmen made profits from private trade, so the Left Opposition said the NEP brought back "
                   "capitalism. Bukharin supported the NEP because it kept the peasants loyal, which meant the Right "
                   "Opposition defended it in the Politburo. Stalin ended the NEP in 1928 because the grain "
                   "procurement crisis showed it had failed, so Bukharin was defeated. In conclusion the Nepmen were "
                   "the most important reason because they made the party fear that capitalism was returning.");
  EXPECT_FALSE(has_flag(c, FlagKind::incoherent));
  EXPECT_GE(c.level.value_or(0), 3);
}

// Examiner: 1 (Level 1): the same density, but each link joins subjects no card connects (the
// desire for peace, the kulaks and the Five-Year Plans, Permanent Revolution): term salad still.
TEST(Examiner, TermSaladAcrossUnconnectedSubjectsIsStillIncoherent) {
  auto a = mark_as("why-socialism-in-one-country",
                   "Because of the desire for peace the kulaks started the Five-Year Plans, which is why Permanent "
                   "Revolution made the proletariat go to war with Germany. Socialism in One Country was popular "
                   "because of Lenin's Testament, so the Red Army wanted national pride and this led to the failed "
                   "revolutions.\n\nGosplan meant the Stakhanovites ended the NEP, so the Nepmen caused the famine "
                   "and the Lenin Enrolment built Magnitogorsk.");
  EXPECT_TRUE(has_flag(a, FlagKind::incoherent));
  EXPECT_LE(a.level.value_or(0), 1);
  EXPECT_LE(a.mark, 2);
  // Salad of neighbouring subjects (the NEP, the Nepmen, collectivisation, the Left) still chains
  // enough links no card makes (Magnitogorsk, the Stakhanovites, the famine) across the answer.
  auto b = mark_as("why-nep-divided-party",
                   "The NEP divided the party because the Nepmen caused collectivisation, so the kulaks became the "
                   "Left Opposition. Bukharin supported the NEP because Magnitogorsk meant the Stakhanovites wanted "
                   "capitalism, which led to the famine.\n\nThe Nepmen meant that the Five-Year Plans caused War "
                   "Communism, so the Kronstadt Mutiny was because of Gosplan. Therefore the NEP divided the party "
                   "because the proletariat meant Socialism in One Country.");
  EXPECT_TRUE(has_flag(b, FlagKind::incoherent));
  EXPECT_LE(b.mark, 2);
}

// Examiner: Level 4 (10-12): three causes explained, one beyond the stimulus, and a reasoned
// judgement about a cause the rubrics do not name (the party's fear of a military dictator), weighed
// against the named ones in the next sentence. A judgement need not be about a listed factor.
TEST(Examiner, AReasonedJudgementAboutACauseTheRubricsDoNotNameIsAJudgement) {
  auto a = mark_as("why-stalin-won",
                   "As General Secretary from 1922 Stalin appointed his supporters to key posts, so they voted for "
                   "him at the Party Congress.\n\nTrotsky was arrogant and made enemies in the Politburo, so he lost "
                   "support when he needed it.\n\nStalin formed the Triumvirate with Kamenev and Zinoviev in 1923, "
                   "which isolated Trotsky, and then he turned on them in 1925.\n\nThese reasons all mattered, but "
                   "the most important was the party's fear of a military dictator, because it decided how the others "
                   "were received. Trotsky's arrogance and Stalin's appointments only counted because members feared "
                   "a Napoleon leading the Red Army more than a dull administrator.");
  EXPECT_EQ(a.measure("judgement"), 1);
  EXPECT_EQ(a.level, 4);
  EXPECT_GE(a.mark, 10);
  EXPECT_LE(a.mark, 11);  // asserted in one place: not sustained, so not the top
}

// Examiner: Level 3 (7-9): one bullet explained, the other developed with accurate detail but no
// "because" or "so", and a judgement that weighs the two: both bullets are developed.
TEST(Examiner, ABulletDevelopedWithDetailAndWeighedInTheJudgementIsDeveloped) {
  auto a = mark_as("stalin-trotsky-more-important",
                   "Stalin's position as General Secretary was very important. From 1922 he could appoint his "
                   "supporters to key posts in the party, so by 1925 the delegates at the Party Congress voted the way "
                   "he wanted and the New Opposition was outvoted.\n\nTrotsky's political mistakes were also "
                   "important. He was arrogant and looked down on other party members. He missed Lenin's funeral in "
                   "1924, he did not demand that Lenin's Testament be published, and in 1925 he gave up his post as "
                   "Commissar for War without a fight.\n\nI think the post of General Secretary was more important "
                   "than Trotsky's mistakes, because his mistakes only mattered since Stalin had the votes in the "
                   "party to exploit them.");
  EXPECT_EQ(a.measure("stimulus_explained"), 1);
  EXPECT_EQ(a.level, 3);
  EXPECT_GE(a.mark, 7);
  // Without the weighing it is one bullet explained and one described: Level 2.
  auto b = mark_as("stalin-trotsky-more-important",
                   "Stalin's position as General Secretary was very important. From 1922 he could appoint his "
                   "supporters to key posts in the party, so by 1925 the delegates at the Party Congress voted the way "
                   "he wanted and the New Opposition was outvoted.\n\nTrotsky's political mistakes were also "
                   "important. He was arrogant and looked down on other party members. He missed Lenin's funeral in "
                   "1924, he did not demand that Lenin's Testament be published, and in 1925 he gave up his post as "
                   "Commissar for War without a fight.");
  EXPECT_EQ(b.level, 2);
}

// Examiner: Trotsky's weaknesses are explained: the paragraph's point (his illness and the funeral),
// linked to the outcome ("This meant that ..."), developed in a later sentence that refers back to him
// ("he resigned as Commissar for War, which took away his support in the Red Army").
TEST(Examiner, AParagraphsPointDevelopedInSentencesThatReferBackIsExplained) {
  auto a = mark_as("why-stalin-won",
                   "Trotsky was ill when Lenin died in 1924 and he missed the funeral. Stalin had given him the wrong "
                   "date. This meant that Stalin could look like Lenin's loyal follower. Then in 1925 he resigned as "
                   "Commissar for War, which took away his support in the Red Army.");
  auto it = std::find_if(a.factors.begin(), a.factors.end(),
                         [](const FactorResult& f) { return f.factor->id == "trotsky-weaknesses"; });
  ASSERT_NE(it, a.factors.end());
  EXPECT_EQ(it->status, FactorStatus::explained);
  EXPECT_TRUE(it->detail);
}

// Examiner: Level 4: the verdict comes first in the conclusion and its paragraph then argues it,
// weighing the other factors against it two sentences on ("The alliances only worked because ...").
TEST(Examiner, AJudgementArguedAcrossItsParagraphIsReasoned) {
  const std::string body =
      "As General Secretary from 1922 Stalin appointed his supporters to key posts, so they voted for him at "
      "the Party Congress.\n\nTrotsky was arrogant and made enemies in the Politburo, so he lost support when "
      "he needed it.\n\nStalin formed the Triumvirate with Kamenev and Zinoviev in 1923, which isolated "
      "Trotsky, and then he turned on them in 1925.\n\n";
  auto a = mark_as("why-stalin-won",
                   body + "The General Secretary post was the most important reason. Trotsky's weaknesses only "
                          "explain how Stalin beat Trotsky, not the others. The alliances only worked because "
                          "Stalin had appointed his supporters, who voted for him at the Congress.");
  EXPECT_EQ(a.measure("judgement"), 1);
  EXPECT_EQ(a.level, 4);
  // The verdict alone, with nothing in its paragraph that reasons or weighs, is asserted.
  auto b = mark_as("why-stalin-won", body + "The General Secretary post was the most important reason.");
  EXPECT_EQ(b.measure("judgement"), 0);
  EXPECT_LT(b.level.value_or(0), 4);
}

// Examiner: Level 3 (7-9): several causes explained, beyond the stimulus, but the judgement is a
// one-line verdict with a short reason: asserted, not reasoned, so not Level 4.
TEST(Examiner, AOneLineVerdictWithAShortReasonIsAsserted) {
  auto a = mark_as("why-collectivisation",
                   "The grain procurement crisis of 1927-28 meant the towns were short of food, so Stalin used the "
                   "Urals-Siberian method and decided that the peasants had to be controlled.\n\nThe First Five-Year "
                   "Plan needed grain exports to pay for machinery, so collectivisation was introduced in 1929 to feed "
                   "the workers in the new towns.\n\nStalin blamed the kulaks for hoarding grain, so he wanted to "
                   "liquidate them as a class and collective farms were the way to do it.\n\nI think the Five-Year "
                   "Plans were the most important reason because Stalin cared most about industry.");
  EXPECT_EQ(a.measure("judgement"), 0);
  EXPECT_EQ(a.level, 3);
}

// Examiner: a judgement on the statement that comes last, after the conclusion has named and
// reasoned about the factors it weighs, is supported by them (not only by the sentence after it).
TEST(Examiner, AVerdictOnTheStatementAfterItsReasonsIsSupported) {
  auto a = mark_as("collectivisation-how-far",
                   "The famine of 1932-33 killed millions of peasants, so in human terms collectivisation was a "
                   "disaster.\n\nBut grain exports paid for machinery for the Five-Year Plans, so industry grew.\n\n"
                   "So collectivisation was a disaster in human terms. The kulaks who were removed were the best "
                   "farmers, so farming stayed weak for decades. But grain exports paid for industrialisation. That "
                   "industry helped the USSR survive the German invasion in 1941. I only agree to a limited extent.");
  EXPECT_EQ(a.measure("judgement"), 1);
}

// Examiner: Level 2 (4-6): it answers this question (both bullets, some knowledge, an asserted
// judgement) even though it also names what a sibling "how far" question on the plans is about.
TEST(Examiner, AnAnswerThatExplainsOneOfThisQuestionsFactorsIsNeverOffTopic) {
  auto a = mark_as("five-year-plans-more-important",
                   "Heavy industry grew enormously. The first plan built Magnitogorsk and the Dnieprostroi Dam, and "
                   "coal and steel output rose, so the USSR became an industrial power strong enough to fight the "
                   "Nazis. The plans were a success for Stalin while the capitalist world was in the Great "
                   "Depression.\n\nWorkers' lives changed too. Peasants moved to the towns, women made up a large "
                   "part of the workforce and consumer goods were scarce.\n\nI think heavy industry was more "
                   "important.");
  EXPECT_FALSE(has_flag(a, FlagKind::off_topic));
  EXPECT_GE(a.level.value_or(0), 2);
}

// Examiner: 0: an answer to another question (why the Five-Year Plans were introduced) with nothing
// on this one.
TEST(Examiner, AnAnswerToAnotherQuestionWithNothingOnThisOneIsZero) {
  auto a = mark_as("why-stalin-won",
                   "The Five-Year Plans were brought in because Stalin wanted the USSR to catch up with the west. "
                   "Gosplan set targets for coal, iron and steel, and new cities like Magnitogorsk were built. The "
                   "second plan built the Moscow Metro and the third plan made tanks because Stalin feared Germany. "
                   "By 1941 the USSR was an industrial power.");
  EXPECT_TRUE(has_flag(a, FlagKind::off_topic));
  EXPECT_EQ(a.mark, 0);
  EXPECT_EQ(a.level, 0);
}

// Examiner: Level 1: two factors named in general terms, with no knowledge to support them.
TEST(Examiner, PointsNamedWithoutAnyDetailAreLevelOne) {
  auto a = mark_as("stalin-trotsky-more-important",
                   "Being General Secretary was important because it gave Stalin power and people did what he said. "
                   "Trotsky's mistakes were also important because people did not like him very much. Overall the "
                   "General Secretary was more important.");
  EXPECT_EQ(a.level, 1);
}

// Examiner: Level 2: two causes linked, but the knowledge is wrong (the NEP introduced by Stalin in
// 1924, Trotsky wanting to keep it): inaccurate knowledge is not Level 3.
TEST(Examiner, TwoOrMoreFactualErrorsKeepATwoFactorAnswerOutOfLevelThree) {
  auto a = mark_as("why-nep-divided-party",
                   "Stalin introduced the NEP in 1924 after Lenin died. Trotsky wanted to keep the NEP.\n\nThe "
                   "Nepmen were private traders who made a lot of money from the NEP. This meant that many communists "
                   "thought the NEP was capitalism, so the party argued about it and divided.\n\nThe kulaks were "
                   "richer peasants who hired labour and grew rich under the NEP, so many communists attacked it.");
  EXPECT_EQ(a.measure("explained"), 2);
  EXPECT_GE(a.measure("errors"), 2);
  EXPECT_LE(a.level.value_or(0), 2);
}

// Examiner: Level 4: a how-far answer whose conclusion judges the statement itself ("I agree with the
// statement to a large extent") and weighs one side against the other.
TEST(Examiner, AHowFarJudgementOnTheStatementItselfCounts) {
  auto a = mark_as("collectivisation-how-far",
                   "Collectivisation caused a terrible famine in 1932-33. In Ukraine Stalin confiscated the grain and "
                   "millions died, so the policy that was meant to feed the towns starved the countryside. Grain "
                   "output fell from 73 million tonnes in 1928 and peasants slaughtered their animals, so livestock "
                   "numbers nearly halved.\n\nHowever, collectivisation gave the state control of the grain, so food "
                   "exports increased and paid for machinery for the Five-Year Plans. The collective farms also gave "
                   "the towns a steady supply of food, which meant the new factory workers could be fed.\n\nOverall I "
                   "agree with the statement to a large extent. This is because the famine killed millions and farming produced less "
                   "than before, whereas the gains for industry came from grain taken from starving people.");
  EXPECT_EQ(a.measure("judgement"), 1);
}

// Examiner: 2 (the middle of Level 1): an accurate list of names and dates, capped into Level 1, is
// marked within Level 1 like any Level 1 answer, so it does not take the top of it; term salad that
// makes no true claim only just reaches Level 1 (1).
TEST(Examiner, ACappedAnswerIsMarkedWithinTheLevelItIsCappedTo) {
  auto list = mark_as("why-collectivisation",
                      "Grain procurement crisis 1927-28\nKulaks hoarding grain\nUrals-Siberian method\n"
                      "First Five-Year Plan 1928\nkolkhoz\nmachine tractor stations\n");
  ASSERT_EQ(list.measure("keyword_list"), 1);
  EXPECT_EQ(list.level, 1);
  EXPECT_EQ(list.mark, 2);
  auto salad = mark_as(
      "why-stalin-won",
      "The Triumvirate meant that the NEP became the Right Opposition, so Socialism in One Country caused the "
      "Comrade Card Index. The Lenin Enrolment led to the Duumvirate because the ban on factions meant Permanent "
      "Revolution. The General Secretary therefore resulted in the New Opposition and the Politburo.");
  ASSERT_EQ(salad.measure("incoherent"), 1);
  EXPECT_EQ(salad.mark, 1);
}

// Examiner: the fear of invasion is explained: the point is made with its detail (the capitalist
// countries of the west) and then linked to the outcome ("that threat meant ..."), though no one
// sentence and the next do both.
TEST(Examiner, AFactorLinkedInOneSentenceAndSupportedInAnotherIsExplained) {
  auto a = mark_as("why-five-year-plans",
                   "Stalin feared an invasion by the capitalist countries of the west.\n\nThat threat meant that he "
                   "had to move quickly. He said so in a speech.");
  bool explained = false;
  for (const auto& f : a.factors) {
    if (f.factor->id == "fear-of-invasion") explained = f.status == FactorStatus::explained;
  }
  EXPECT_TRUE(explained);
}

// Examiner: 5 (Level 2, the middle): one cause is linked to the outcome (the Nepmen looked like
// capitalists) and the rest describes the NEP; accurate, but the top of Level 2 needs more than one
// point explained.
TEST(Examiner, OneLinkedCauseAmongDescriptionIsTheMiddleOfLevelTwo) {
  auto a = mark_as("why-nep-divided-party",
                   "The NEP was introduced by Lenin in 1921 after the Civil War and War Communism. Under it "
                   "peasants could sell their surplus grain and small businesses opened again, while the state "
                   "kept the banks and heavy industry.\n\nPrivate traders called Nepmen made a lot of money buying "
                   "and selling goods. Many communists hated the Nepmen because they looked like the capitalists "
                   "the revolution had got rid of, so the party argued about whether the NEP should go on.\n\nBy "
                   "1928 there was a grain procurement crisis and Stalin ended the NEP.");
  ASSERT_EQ(a.measure("explained"), 1);
  EXPECT_EQ(a.level, 2);
  EXPECT_EQ(a.mark, 5);
}

// Examiner: 5 (Level 2): one cause developed (the Nepmen as capitalism, which set the Left against
// the NEP), the Right described, and the second link made only in a one-line conclusion. A summing
// up in one short sentence is not a paragraph of explanation: "the explanation of the division is
// left implicit until a simple conclusion". The same conclusion developed in a second sentence is
// a second paragraph of explanation (Level 3).
TEST(Examiner, ALinkMadeOnlyInAOneLineConclusionIsNotASecondDevelopedExplanation) {
  const std::string body =
      "Under the NEP, from 1921, peasants could sell their surplus grain and small private businesses opened "
      "again. Nepmen became rich traders in the towns.\n\n"
      "Many communists hated the Nepmen because they looked like the capitalists that the revolution of 1917 "
      "was meant to get rid of. This meant the Left, led by Trotsky, said the NEP betrayed communism and wanted "
      "it ended quickly.\n\n"
      "Bukharin led the Right of the party. He thought the NEP should carry on for many years and told the "
      "peasants to enrich themselves.\n\n"
      "So the NEP divided the party because Bukharin and the Right wanted to keep it.";
  auto one_line = mark_as("why-nep-divided-party", body);
  EXPECT_EQ(one_line.measure("explained_paragraphs"), 1);
  EXPECT_EQ(one_line.level, 2);
  EXPECT_EQ(one_line.mark, 5);
  auto developed = mark_as("why-nep-divided-party",
                           body + " They feared that ending it would turn the peasants against the party, as grain "
                                  "requisitioning had done in the Civil War.");
  EXPECT_EQ(developed.measure("explained_paragraphs"), 2);
  EXPECT_EQ(developed.level, 3);
}

// Examiner: 6 (Level 2, its middle): a one-sided how-far answer that links two points with precise
// detail, then describes the showpiece projects, Stakhanov and the schools and hospitals without a
// link: "much of the answer describes". The same links without the described paragraphs are the top
// of the level, 8.
TEST(Examiner, AHowFarAnswerThatDescribesMuchBesideItsLinksIsTheMiddleOfLevelTwo) {
  const std::string linked =
      "The Five-Year Plans were a great success for Stalin because they made heavy industry grow very fast. The first Five-Year Plan began in 1928 and Gosplan set high targets, so coal, steel and oil output went up several times over and the USSR became one of the leading industrial powers in Europe.\n\n"
      "They were also a success because the USSR was ready for war. The factories built in the Urals made tanks and guns, which meant the Red Army could defeat Nazi Germany after 1941.\n\n";
  const std::string described =
      "Magnitogorsk was a new steel city built from nothing in the Urals. The Moscow Metro was opened in 1935 with marble halls and chandeliers. The Dnieprostroi dam produced electricity.\n\n"
      "Stakhanov cut 102 tonnes of coal in one shift in 1935 and became a hero.\n\n"
      "Free schools and hospitals were built in the 1930s, and some workers were given holidays in rest homes.\n\n";
  const std::string verdict = "Overall the plans were a great success.";
  auto describes = mark_as("five-year-plans-how-far", linked + described + verdict);
  ASSERT_EQ(describes.measure("explained"), 2);
  ASSERT_EQ(describes.measure("mentioned"), 3);
  EXPECT_EQ(describes.level, 2);
  EXPECT_EQ(describes.mark, 6);
  auto explains = mark_as("five-year-plans-how-far", linked + verdict);
  EXPECT_EQ(explains.level, 2);
  EXPECT_EQ(explains.mark, 8);
}

// Examiner: 12 (Level 3, its top): both sides explained with precise knowledge, and a one-sentence
// verdict on the statement that gives its reason and concedes the other side ("..., even though it
// helped Stalin build up industry"): "a judgement is given, though only partly justified". It weighs
// nothing through the answer, so it is no comparison (not Level 4). The verdict without its
// concession is a bare assertion with a reason: no judgement, capped at 10.
TEST(Examiner, AVerdictThatConcedesTheOtherSideInItsOwnSentenceIsAPartlyJustifiedJudgement) {
  const std::string body =
      "Collectivisation was a disaster for the peasants because millions of them died in the famine of 1932-33. The state still took its full grain quota from the kolkhozes, so there was nothing left to eat in Ukraine.\n\n"
      "It was also a disaster for farming because the peasants slaughtered their animals rather than hand them over to the kolkhoz. This meant that about half of the cattle and horses were lost.\n\n"
      "Collectivisation did help industry. The state sold grain abroad to pay for machines for the Five-Year Plans, and millions of peasants moved to the towns, so the new factories had workers.\n\n";
  auto conceded = mark_as("collectivisation-how-far",
                          body + "In conclusion I think collectivisation was a disaster for the USSR because so many "
                                 "people died, even though it helped Stalin build up industry.");
  EXPECT_EQ(conceded.measure("judgement"), 1);
  EXPECT_EQ(conceded.measure("comparison"), 0);
  EXPECT_EQ(conceded.level, 3);
  EXPECT_EQ(conceded.mark, 12);
  auto asserted = mark_as("collectivisation-how-far",
                          body + "In conclusion I think collectivisation was a disaster for the USSR because so many "
                                 "people died.");
  EXPECT_EQ(asserted.measure("judgement"), 0);
  EXPECT_EQ(asserted.mark, 10);
}

// Examiner: 2 (Level 1): reasons linked to the outcome, but in general terms only: no key term, no
// name of a policy or group, no date. "A simple or generalised answer" is Level 1 however many
// of its general points are linked.
TEST(Examiner, ReasonsWithNoSpecificKnowledgeAreAGeneralisedLevelOneAnswer) {
  auto a = mark_as("why-stalin-won",
                   "Stalin won the power struggle because he was clever and gave jobs in the party to his friends, "
                   "so they voted for him at the big meetings. Trotsky was arrogant and made a lot of enemies, which "
                   "meant the other leaders did not trust him and worked together against him. Stalin also "
                   "pretended to be the follower of Lenin, so ordinary members liked him. This is why Stalin won.");
  ASSERT_GE(a.measure("explained"), 2);
  EXPECT_EQ(a.measure("specific"), 0);
  EXPECT_EQ(a.level, 1);
  EXPECT_EQ(a.mark, 2);
}

// Examiner: 0: an answer on another subject (why the Five-Year Plans were introduced) that names one
// of this question's factors in passing (Stalin was General Secretary) without explaining it: nothing
// in it answers this question, so there is no rewardable material.
TEST(Examiner, AnAnswerOnAnotherSubjectNamingOneFactorInPassingIsZero) {
  auto a = mark_as("why-stalin-won",
                   "The Five-Year Plans were brought in because Stalin wanted the USSR to catch up with the west. "
                   "Gosplan set targets for coal, iron and steel, and new cities like Magnitogorsk were built. The "
                   "second plan built the Moscow Metro and the third plan made tanks because Stalin feared Germany. "
                   "Stalin was still the General Secretary of the party. Heavy industry grew very fast and steel output trebled.");
  ASSERT_TRUE(has_flag(a, FlagKind::off_topic));
  EXPECT_EQ(a.measure("credited"), 1);
  EXPECT_EQ(a.measure("subject"), 0);
  EXPECT_EQ(a.mark, 0);
}

// Examiner: 0: the question restated and the answer planned, naming the two results only in the
// question's own words: naming back what the question names is no rewardable material.
TEST(Examiner, NamingTheQuestionsOwnBulletsBackIsARestatement) {
  auto a = mark_as("five-year-plans-more-important",
                   "The question asks whether the growth of heavy industry or the changes to workers' lives was the "
                   "more important result of the Five-Year Plans. Both were results of the Five-Year Plans. I will "
                   "look first at the growth of heavy industry, then at the changes to workers' lives, and then I "
                   "will say which of the two was more important.");
  EXPECT_TRUE(has_flag(a, FlagKind::copied_prompt));
  EXPECT_EQ(a.mark, 0);
}

// Examiner: 8 (Level 3, the middle): both results explained with accurate knowledge, but no judgement
// on which was more important; the top of Level 3 needs every part of its descriptor, a judgement
// (even one not fully reasoned) included.
TEST(Examiner, BothBulletsExplainedWithoutAJudgementIsTheMiddleOfLevelThree) {
  auto a = mark_as("five-year-plans-more-important",
                   "The growth of heavy industry was a major result. Gosplan set high targets for coal, iron and "
                   "steel, and Magnitogorsk was built from nothing in the first plan, which meant that steel output "
                   "rose quickly and by 1940 the USSR was one of the leading industrial powers in Europe.\n\nThe "
                   "changes to workers' lives were also a major result. The population of the towns more than "
                   "doubled as peasants moved to the factories, and by 1940 women made up 40% of the labour force. "
                   "Life was tough because wages were low and internal passports stopped workers changing jobs.");
  ASSERT_EQ(a.measure("stimulus_explained"), 2);
  ASSERT_EQ(a.measure("judgement"), 0);
  EXPECT_EQ(a.level, 3);
  EXPECT_EQ(a.mark, 8);
}

// Examiner: Level 4: both sides explained, and a judgement on the statement that weighs it against
// the other side in the same breath ("on balance I agree ..., even if Stalin got what he wanted"):
// brief, but weighing.
TEST(Examiner, AHowFarJudgementThatConcedesTheOtherSideWeighsThem) {
  auto a = mark_as("collectivisation-how-far",
                   "Collectivisation caused a terrible famine in 1932-33. In Ukraine Stalin confiscated the grain "
                   "and millions died, so the policy that was meant to feed the towns starved the countryside.\n\n"
                   "It was a disaster for farming too. Grain output fell from 73 million tonnes in 1928 and peasants "
                   "slaughtered their animals, so livestock numbers nearly halved.\n\nCollectivisation also gave "
                   "the state control of the grain, "
                   "so food exports increased and paid for machinery for the Five-Year Plans. The collective farms "
                   "also gave the towns a steady supply of food, which meant the new factory workers could be "
                   "fed.\n\nOn balance I agree with the statement to a large extent, because the human cost "
                   "outweighed everything else, even if Stalin got what he wanted. The famine alone killed "
                   "millions of people.");
  ASSERT_EQ(a.measure("judgement"), 1);
  EXPECT_EQ(a.measure("comparison"), 1);
  EXPECT_EQ(a.level, 4);
}

// Examiner (dev4, dev): Level 3, 11 at most: both sides explained and a judgement that concedes the
// other side, but every point is a stimulus point (the famine; exports and the Five-Year Plans). The
// falling harvest and the Ukrainian grain quotas are detail of the famine paragraph, and the
// conclusion's "industry" sums up the exports paragraph: the answer uses the stimulus points only.
// The same knowledge made a paragraph's own point goes beyond them: Level 4.
TEST(Examiner, FactorsMetOnlyAsDetailOfTheStimulusPointsAreNotKnowledgeBeyondThem) {
  const std::string famine =
      "I agree that collectivisation was mostly a disaster. The worst part was the famine of 1932-33. When the "
      "peasants were forced onto the collective farms many of them resisted and the harvests were poor. In "
      "Ukraine Stalin still made them hand over the grain, so millions of people starved to death. This was a "
      "disaster because the peasants were the people communism was supposed to help.";
  const std::string exports =
      "On the other hand it did help Stalin in some ways. The state now controlled the grain, so it could keep "
      "selling it abroad even while people were starving. This meant the USSR could pay for the foreign "
      "machines it needed for the Five-Year Plans.";
  const std::string conclusion =
      "Overall collectivisation was a disaster, even though it helped industry grow. The famine killed millions "
      "of the peasants it was meant to help, and no new factory could make up for that.";
  auto a = mark_as("collectivisation-how-far", famine + "\n\n" + exports + "\n\n" + conclusion);
  EXPECT_EQ(a.measure("sides"), 2);
  EXPECT_EQ(a.measure("judgement"), 1);
  EXPECT_EQ(a.measure("explained_beyond_stimulus"), 0);
  EXPECT_EQ(a.level, 3);
  EXPECT_LE(a.mark, 11);
  auto b = mark_as("collectivisation-how-far",
                   famine + "\n\nIt was a disaster for farming as well. Many peasants slaughtered their animals "
                            "rather than hand them over to the kolkhoz, so livestock numbers halved. This meant "
                            "there was less meat and milk for years.\n\n" + exports + "\n\n" + conclusion);
  EXPECT_GE(b.measure("explained_beyond_stimulus"), 1);
  EXPECT_EQ(b.level, 4);
}

// Examiner (dev4 zt5b, rb4k): Level 1: general points about both bullets ("heavy industry got much
// bigger", "workers worked hard for low wages") with almost no specific knowledge, no link made, and
// an asserted judgement: "a basic answer with limited knowledge". Several relevant points reach Level
// 2 without a link only when they carry some specific knowledge (key terms, dates, names).
TEST(Examiner, GeneralPointsWithoutSpecificKnowledgeOrALinkStayInLevelOne) {
  const std::string industry =
      "The plans made heavy industry much bigger, like coal and steel, and lots of new factories were built. "
      "This made the country stronger.";
  const std::string judgement =
      "I think heavy industry was more important because it made the USSR powerful and that is what Stalin "
      "wanted.";
  auto a = mark_as("five-year-plans-more-important",
                   industry + "\n\nThe lives of workers changed as well. They had to work hard for low wages and "
                              "housing was overcrowded.\n\n" + judgement);
  ASSERT_EQ(a.measure("explained"), 0);
  ASSERT_GE(a.measure("supported"), 1);
  EXPECT_LT(a.measure("specific"), 2);
  EXPECT_EQ(a.level, 1);
  // The same points with the knowledge behind them (Gosplan's targets, internal passports): Level 2.
  auto b = mark_as("five-year-plans-more-important",
                   industry + "\n\nThe lives of workers changed as well. They worked long hours under the "
                              "Five-Year Plans to meet targets set by Gosplan, and internal passports stopped them "
                              "changing jobs and life was hard.\n\n" + judgement);
  EXPECT_GE(b.measure("specific"), 2);
  EXPECT_EQ(b.level, 2);
}

// Examiner (dev b9h, dev2 e5gr, dev4 kd2w, dev5 nc2j: "the weighing is brief", "not sustained"):
// the top of Level 4 in a how-far answer needs the sides graded against each other in two or more
// paragraphs ("these gains do not outweigh the famine", "far less important than"). Turning to the
// other side with "However" or conceding it with "even though" sets the sides out; it is not weighing.
TEST(Examiner, TheTopOfLevelFourNeedsTheSidesGradedNotOnlyContrasted) {
  const std::string famine =
      "I agree that collectivisation was mostly a disaster. The worst part was the famine of 1932-33. "
      "When the peasants were forced onto the kolkhozes many of them resisted and the harvests were "
      "poor. In Ukraine Stalin still made them hand over the grain quotas, so millions of people "
      "starved to death. This was a disaster because the peasants were the people communism was "
      "supposed to help.";
  const std::string farming =
      "It was a disaster for farming as well. Many peasants slaughtered their animals rather than hand"
      " them over to the kolkhoz, so livestock numbers halved. This meant there was less meat and milk"
      " for years.";
  const std::string contrasted =
      "However it did help Stalin in some ways. The state now controlled the grain, so it could keep "
      "selling it abroad even while people were starving. This meant the USSR could pay for the "
      "foreign machines it needed for the Five-Year Plans.";
  const std::string conceded =
      "Overall collectivisation was a disaster, even though it helped industry grow. The famine killed"
      " millions of the peasants it was meant to help, and no new factory could make up for that.";
  auto a = mark_as("collectivisation-how-far", famine + "\n\n" + farming + "\n\n" + contrasted + "\n\n" + conceded);
  EXPECT_EQ(a.level, 4);
  EXPECT_EQ(a.measure("weighed_paragraphs"), 0);
  EXPECT_LT(a.mark, 16);
  const std::string graded =
      "However it did help Stalin in some ways. The state now controlled the grain, so it could keep "
      "selling it abroad even while people were starving. This meant the USSR could pay for the "
      "foreign machines it needed for the Five-Year Plans. But these gains do not outweigh the famine,"
      " because the exports were grain taken from starving people.";
  const std::string concluded =
      "Overall collectivisation was a disaster. The grain exports that paid for industry were far less"
      " important than the millions of lives lost in the famine, and no new factory could make up for "
      "that.";
  auto b = mark_as("collectivisation-how-far", famine + "\n\n" + farming + "\n\n" + graded + "\n\n" + concluded);
  EXPECT_EQ(b.measure("weighed_paragraphs"), 2);
  EXPECT_EQ(b.mark, 16);
}

// calib4 1. Examiner: no error: more workers, who would be loyal, is a reason for the plans, and
// wealth said of the Nepmen is no claim that workers lived well (`workers-well-off`, cards 20, 25).
// The claim itself, in plain words, is still an error.
TEST(Examiner, AReasonAboutWorkersLoyaltyIsNoClaimThatTheyLivedWell) {
  auto a = mark_as("why-five-year-plans",
                   "Another reason was to grow the proletariat. In 1928 the USSR was mostly peasants, who did not "
                   "support the party. More factories meant millions more workers who would hopefully be loyal, and "
                   "a move towards socialism without Nepmen getting rich. Stalin also feared invasion, so the "
                   "Five-Year Plans built heavy industry such as Magnitogorsk.");
  EXPECT_FALSE(has_flag(a, FlagKind::misconception));
  EXPECT_EQ(a.measure("errors"), 0);
  auto wrong = mark_as("five-year-plans-how-far",
                       "Thanks to the plans, factory workers became rich and lived in comfortable flats.");
  EXPECT_TRUE(has_flag(wrong, FlagKind::misconception));
}

// calib4 2. Examiner: no error, and Level 3: the shortage of consumer goods said with a contraction
// ("there weren't many consumer goods, so people had to queue") is the truth, not the claim that the
// plans filled the shops (`plenty-of-consumer-goods`, cards 21, 23, 25).
TEST(Examiner, ANegatedShortageOfConsumerGoodsIsNoClaimOfPlenty) {
  auto a = mark_as("five-year-plans-more-important",
                   "The changes to workers' lives were important. Life for the workers was hard, wages were low and "
                   "there weren't many consumer goods in the shops so people had to queue. Internal passports "
                   "stopped them changing jobs.");
  EXPECT_FALSE(has_flag(a, FlagKind::misconception));
  EXPECT_EQ(a.measure("errors"), 0);
  auto wrong = mark_as("five-year-plans-more-important",
                       "By 1937 there were many more consumer goods in the shops, so life got easier for workers.");
  EXPECT_TRUE(has_flag(wrong, FlagKind::misconception));
}

// calib4 3. Examiner: no factual error in any of these: each year is right for what it dates. Events
// carry the range historians accept (industry back to its pre-war level by 1926-28; the first plan
// announced in 1929 and declared complete in 1932), and "Lenin's 1921 ban on factions" dates the ban.
TEST(Examiner, RightYearsForWhatTheyDateAreNotFactualErrors) {
  auto nep = mark_as("why-nep-divided-party",
                     "Bukharin argued the NEP was working. It had ended the famine and by 1926-28 production was back "
                     "to around pre-war levels, so he wanted to keep it.");
  EXPECT_EQ(nep.measure("errors"), 0);
  auto plans = mark_as("five-year-plans-how-far",
                       "On the other hand, the plans often failed on their own terms. The first plan was declared "
                       "complete after four years in 1932, but most of its targets were missed.");
  EXPECT_EQ(plans.measure("errors"), 0);
  auto won = mark_as("why-stalin-won",
                     "When Kamenev and Zinoviev joined Trotsky in the United Opposition, Stalin used Lenin's 1921 ban "
                     "on factions against them, so in 1927 Trotsky was expelled.");
  EXPECT_EQ(won.measure("errors"), 0);
  EXPECT_FALSE(has_flag(won, FlagKind::factual_error));
}

// calib4 4. Examiner: Trotsky's mistakes explained: what they cost him ("so he didn't have many
// friends in the party", "made them hate him") is the detail of his weaknesses, as losing support
// is (card 5).
TEST(Examiner, WhatTrotskysMistakesCostHimInFriendsIsTheirDetail) {
  auto a = mark_as("stalin-trotsky-more-important",
                   "Trotsky also made lots of political mistakes. He was very arrogant and treated other party "
                   "members like they were stupid, so he didn't have many friends in the party.");
  auto it = std::find_if(a.factors.begin(), a.factors.end(),
                         [](const FactorResult& f) { return f.factor->id == "trotsky-weaknesses"; });
  ASSERT_NE(it, a.factors.end());
  EXPECT_EQ(it->status, FactorStatus::explained);
}

// calib4 5. Examiner: no factual error: a marker does not invent errors. A year beside an event of
// another topic that it fits dates that event ("the Lenin Enrolment after 1924" in an answer on the
// NEP); a year in another clause than the event ("hoarding grain, and in 1929 he said ...") or with
// another year between them ("started again in 1931 and by 1936 nearly all farms were collective")
// may date something else. A wrong year plainly the event's is still an error.
TEST(Examiner, AYearThatMayDateSomethingElseIsNoFactualError) {
  auto nep = mark_as("why-nep-divided-party",
                     "Many ordinary members turned against the NEP. The Lenin Enrolment after 1924 brought in lots of "
                     "young working-class members who felt the NEP was not creating an equal society.");
  EXPECT_EQ(nep.measure("errors"), 0);
  auto kulaks = mark_as("why-collectivisation",
                        "Stalin wanted to get rid of the kulaks, who he saw as capitalists who were hoarding grain, "
                        "and in 1929 he said he would liquidate the kulaks as a class.");
  EXPECT_EQ(kulaks.measure("errors"), 0);
  auto restart = mark_as("why-collectivisation",
                         "In March 1930 Stalin stopped collectivisation for a while. But he started again in 1931 and "
                         "by 1936 nearly all farms were collective.");
  EXPECT_EQ(restart.measure("errors"), 0);
  auto wrong = mark_as("why-nep-divided-party", "Lenin introduced the NEP in 1924 to help the economy recover.");
  EXPECT_TRUE(has_flag(wrong, FlagKind::factual_error));
  // calib5: a comma alone does not part a year from its event: a fronted date ("In 1925, ...") or
  // one set off by commas is still the event's. Only a comma that opens another clause ("..., and in
  // 1929 he said") does.
  auto fronted = mark_as("why-stalin-won", "In 1925, Stalin became General Secretary and gave jobs to his supporters.");
  EXPECT_TRUE(has_flag(fronted, FlagKind::factual_error));
  auto set_off = mark_as("why-nep-divided-party", "Lenin introduced the NEP, in 1924, to help the economy recover.");
  EXPECT_TRUE(has_flag(set_off, FlagKind::factual_error));
}

// calib4 6. Examiner: Level 4 (about 13): a how-far answer that argues the other side with contrast
// and weighing ("However, the state's aim was ...", "This matters more than ...", "whereas the
// famine was over by 1934") and detail, not "because" or "so": both sides are argued, and the verdict
// whose paragraph sets one side against the other ("But for the USSR as a state ...") weighs them.
TEST(Examiner, AHowFarAnswerArguingTheOtherSideWithContrastAndDetailIsTwoSided) {
  auto a = mark_as("collectivisation-how-far",
                   "I partly agree. Collectivisation was a disaster for the peasants, but for the state it mostly worked.\n\n"
                   "The famine of 1932-33 is the strongest evidence for the statement. Stalin kept taking grain from Ukraine while people starved, and millions died. Peasants slaughtered their animals rather than hand them to the kolkhoz, so cattle numbers nearly halved between 1928 and 1932.\n\n"
                   "However, the state's aim was to get grain out of the countryside. The towns were fed through the quota, with the state taking about 40% of each farm's harvest. This matters more than the fall in output. Grain exports rose even while output fell, and the money bought machinery for the Five-Year Plans.\n\n"
                   "The party also gained control of the countryside. Churches were closed and the Machine Tractor Stations watched the peasants. This was a lasting gain for the regime, whereas the famine was over by 1934.\n\n"
                   "So collectivisation was a disaster in human terms, because millions died in the famine. But for the USSR as a state it did what it was meant to do. I only agree to a limited extent.");
  EXPECT_EQ(a.measure("sides"), 2);
  EXPECT_EQ(a.measure("judgement"), 1);
  EXPECT_EQ(a.measure("comparison"), 1);
  EXPECT_EQ(a.level, 4);
}

}  // namespace
}  // namespace ec::mark
