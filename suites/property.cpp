// Properties over generated cases with the run's seed, their cases in flight: RapidCheck asks for
// one test after another, while the cases of the tests to come are drawn ahead from the same
// random streams RapidCheck will use and sent together, a batch at a time: each batch goes out on
// the session's send thread while the next one is drawn and the one before is judged, since
// drawing and judging cost the runner as much as sending does. A test's case is recorded only when
// RapidCheck asks for that test, so cases sent past the first failure are never counted: the
// verdict, the counterexample and the counts are those of one case at a time.
//
// Shrinking is a chain: which candidates come next depends on whether the last one failed. What
// is independent is one level of it, the candidates RapidCheck tries in turn from the current
// counterexample; those are sent together (up to the in-flight count) before RapidCheck asks for
// the first of them, and it then reads their outcomes in its own order, so it takes the same
// first failing candidate and counts the same steps as one at a time.
#include <rapidcheck.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <future>

#include "suites/case_plan.h"
#include "suites/generated_cases.h"

namespace conform::suite {
namespace {

using rc::detail::CaseDescription;
using rc::detail::CaseResult;

// RapidCheck's size for its i-th test while nothing was discarded (rc::detail::searchProperty):
// spread evenly over 0..maxSize, the largest always used. Checked against what RapidCheck asks
// for: a difference turns the look-ahead off, never the results.
int size_for(const rc::detail::TestParams& params, int i) {
  const int sizes = params.maxSize + 1;
  const int regular = (params.maxSuccess / sizes) * sizes;
  if (i < regular)
    return i % sizes;
  const int rest = params.maxSuccess - regular;
  return rest == 1 ? 0 : ((i % sizes) * params.maxSize) / (rest - 1);
}

// A test drawn ahead: where RapidCheck will ask for it, its shrink tree, its case and what was
// sent for it.
struct Ahead {
  rc::Random random;
  int size = 0;
  std::optional<rc::Shrinkable<CaseDescription>> shrinkable;  // a Shrinkable has no empty state
  CaseDescription description;
  gen::Case c;
  CasePlan plan;
  SentPlan sent;
};

// A shrink candidate sent before RapidCheck asked for it.
struct SentAhead {
  gen::Case c;
  CasePlan plan;
  SentPlan sent;
};

using Candidates = rc::Seq<rc::Shrinkable<CaseDescription>>;

// RapidCheck's candidates of one shrink level, pulled in batches: each batch is handed to
// `send_ahead` before its first candidate is given out, and each candidate's own shrinks are
// wrapped the same way.
class ShrinksAhead {
 public:
  using SendAhead = std::function<void(const std::deque<rc::Shrinkable<CaseDescription>>&)>;
  ShrinksAhead(Candidates rest, int per_batch, const SendAhead* send_ahead)
      : rest_(std::move(rest)), per_batch_(per_batch), send_ahead_(send_ahead) {}

  rc::Maybe<rc::Shrinkable<CaseDescription>> operator()() {
    if (batch_.empty()) {
      while (static_cast<int>(batch_.size()) < per_batch_) {
        auto next = rest_.next();
        if (!next)
          break;
        batch_.push_back(std::move(*next));
      }
      if (batch_.empty())
        return rc::Nothing;
      (*send_ahead_)(batch_);
    }
    auto candidate = std::move(batch_.front());
    batch_.pop_front();
    return wrap(std::move(candidate), per_batch_, send_ahead_);
  }

  static rc::Shrinkable<CaseDescription> wrap(rc::Shrinkable<CaseDescription> candidate,
                                              int per_batch, const SendAhead* send_ahead) {
    return rc::shrinkable::lambda(
        [candidate] { return candidate.value(); },
        [candidate, per_batch, send_ahead] {
          return Candidates(ShrinksAhead(candidate.shrinks(), per_batch, send_ahead));
        });
  }

 private:
  Candidates rest_;
  int per_batch_;
  const SendAhead* send_ahead_;
  std::deque<rc::Shrinkable<CaseDescription>> batch_;
};

}  // namespace

// The last failing case RapidCheck reports is the smallest one, since it calls the property again
// on every shrink candidate. Each candidate after the first failure that is sent is a shrink step;
// once the budget is spent the remaining candidates pass unsent, so RapidCheck ends its search
// with the smallest failure found so far. Candidates often decode to a case already sent (another
// pick of a pinned parameter, a prefix offered twice, text cut back to its limit): its first
// outcome stands, nothing is sent, and no step is counted. Only what the case holds is compared,
// so a run-unique token suffix added at send time does not make two candidates differ.
void property(RunningCheck& check, const rc::Gen<gen::Case>& cases, int count,
              const std::function<bool(const CaseOutcome&)>& holds) {
  std::optional<CaseOutcome> smallest;
  std::vector<std::pair<gen::Case, std::optional<CaseOutcome>>> sent;  // the failures' outcomes
  report::Shrink shrink{0, shrink_budget(check.session().target()), false};
  RunContext::current().note_property();
  rc::detail::TestParams params;
  params.seed = RunContext::current().seed();
  params.maxSuccess = count;
  params.maxSize = 100;
  bool drawing_ahead = false;  // the property only keeps the case it draws
  std::optional<gen::Case> drawn;
  std::vector<SentAhead> sent_ahead;  // shrink candidates of the current batch, not yet asked for
  const auto inner = rc::detail::toProperty([&] {
    const auto c = *cases;
    if (drawing_ahead) {
      drawn = c;
      return;
    }
    if (smallest) {
      const auto before =
          std::find_if(sent.begin(), sent.end(), [&](const auto& s) { return s.first == c; });
      if (before != sent.end()) {
        if (before->second) {
          smallest = before->second;
          RC_FAIL(before->second->judgement.message);
        }
        return;
      }
      if (shrink.steps >= shrink.budget) {
        shrink.stopped_by_budget = true;
        return;
      }
      ++shrink.steps;
    }
    const auto ahead = std::find_if(sent_ahead.begin(), sent_ahead.end(),
                                    [&](const SentAhead& a) { return a.c == c; });
    CaseOutcome outcome;
    if (ahead != sent_ahead.end()) {
      outcome = record_plan(check, ahead->plan, std::move(ahead->sent));
      sent_ahead.erase(ahead);
    } else {
      outcome = send_case(check, c);
    }
    const bool held = holds(outcome);
    if (smallest || !held)
      sent.emplace_back(c, held ? std::nullopt : std::optional<CaseOutcome>(outcome));
    if (!held) {
      smallest = outcome;
      RC_FAIL(outcome.judgement.message);
    }
  });

  const auto per_batch = plans_per_batch(check.session());
  bool may_draw_ahead = per_batch > 1;
  rc::Random streams(params.seed);  // RapidCheck's: one split per test
  int next_test = 0;                // the next test to draw ahead
  // At most two batches: the one RapidCheck is handed test by test, and the next one, drawn while
  // the first is on the wire and queued behind it. The session's send thread sends them one after
  // the other, in the order drawn, so the requests go out as they did with one batch at a time.
  struct Batch {
    std::deque<Ahead> tests;
    std::future<std::vector<SentPlan>> sending;  // valid from its start until it is received
  };
  std::deque<Batch> batches;
  // However this function ends (an exception too), the send thread must be done with the plans
  // and the check before they go.
  struct WaitForSends {
    std::deque<Batch>& batches;
    void operator()() const {
      for (auto& b : batches) {
        if (b.sending.valid())
          b.sending.wait();
      }
    }
    ~WaitForSends() { (*this)(); }
  } wait_for_sends{batches};
  const auto draw_batch = [&] {
    Batch b;
    while (next_test < count && static_cast<int>(b.tests.size()) < per_batch) {
      Ahead a{streams.split(), size_for(params, next_test), {}, {}, {}, {}, {}};
      a.shrinkable = inner(a.random, a.size);
      drawn.reset();
      drawing_ahead = true;
      a.description = a.shrinkable->value();
      drawing_ahead = false;
      if (a.description.result.type != CaseResult::Type::Success || !drawn) {
        // Discarded: RapidCheck's sizes and streams move on differently from here.
        may_draw_ahead = false;
        break;
      }
      ++next_test;
      a.c = std::move(*drawn);
      a.plan = plan_case(check, a.c);
      b.tests.push_back(std::move(a));
    }
    if (!b.tests.empty())
      batches.push_back(std::move(b));
  };
  const auto start = [&](Batch& b) {
    std::vector<const CasePlan*> plans;
    for (const auto& a : b.tests)
      plans.push_back(&a.plan);
    b.sending = send_plans_async(check, std::move(plans));
  };
  const auto receive = [&](Batch& b) {
    auto answers = b.sending.get();
    for (std::size_t i = 0; i < b.tests.size(); ++i)
      b.tests[i].sent = std::move(answers[i]);
  };
  // From here on one case at a time. What is on the wire is waited for, never recorded: the
  // session is used by one thread at a time.
  const auto stop_drawing_ahead = [&] {
    may_draw_ahead = false;
    wait_for_sends();
    batches.clear();
  };
  // Sends what the inner property would send for a batch of shrink candidates, as long as
  // their steps fit the budget: the candidates not sent before, each once. What a batch sent past
  // the candidate RapidCheck takes is dropped unrecorded with the next batch.
  const ShrinksAhead::SendAhead send_ahead =
      [&](const std::deque<rc::Shrinkable<CaseDescription>>& candidates) {
        sent_ahead.clear();
        int room = shrink.budget - shrink.steps;
        for (const auto& candidate : candidates) {
          if (room <= 0)
            break;
          drawn.reset();
          drawing_ahead = true;
          (void)candidate.value();
          drawing_ahead = false;
          if (!drawn)
            continue;
          const auto same = [&](const auto& s) { return s.first == *drawn; };
          const auto same_ahead = [&](const SentAhead& a) { return a.c == *drawn; };
          if (std::any_of(sent.begin(), sent.end(), same) ||
              std::any_of(sent_ahead.begin(), sent_ahead.end(), same_ahead))
            continue;
          --room;
          SentAhead a{std::move(*drawn), {}, {}};
          a.plan = plan_case(check, a.c);
          sent_ahead.push_back(std::move(a));
        }
        std::vector<const CasePlan*> batch;
        for (const auto& a : sent_ahead)
          batch.push_back(&a.plan);
        auto answers = send_plans(check, batch);
        for (std::size_t i = 0; i < sent_ahead.size(); ++i)
          sent_ahead[i].sent = std::move(answers[i]);
      };
  const int shrinks_per_batch = check.session().in_flight();
  const rc::detail::Property outer(
      [&](const rc::Random& random, int size) -> rc::Shrinkable<CaseDescription> {
        if (batches.empty() && may_draw_ahead) {
          draw_batch();
          if (!batches.empty())
            start(batches.front());
        }
        if (!batches.empty() && batches.front().sending.valid()) {
          // The next batch waits on the send thread behind this one, so the wire stays busy
          // while this one is judged.
          if (batches.size() == 1 && may_draw_ahead) {
            draw_batch();
            if (batches.size() > 1)
              start(batches.back());
          }
          receive(batches.front());
        }
        if (batches.empty() || !(batches.front().tests.front().random == random) ||
            batches.front().tests.front().size != size) {
          // Not the test drawn ahead: from here on, one case at a time.
          stop_drawing_ahead();
          return inner(random, size);
        }
        auto a = std::move(batches.front().tests.front());
        batches.front().tests.pop_front();
        if (batches.front().tests.empty())
          batches.pop_front();
        const auto outcome = record_plan(check, a.plan, std::move(a.sent));
        auto description = std::move(a.description);
        if (holds(outcome)) {
          // A passed test is never shrunk; asking for its shrinks would run the property again.
          return rc::shrinkable::just(std::move(description));
        }
        // What was sent past the first failure is dropped unrecorded; shrinking follows, and its
        // first look at this case finds it among the cases sent.
        stop_drawing_ahead();
        smallest = outcome;
        sent.emplace_back(std::move(a.c), outcome);
        description.result = CaseResult(CaseResult::Type::Failure, outcome.judgement.message);
        return rc::shrinkable::just(
            std::move(description),
            Candidates(ShrinksAhead(a.shrinkable->shrinks(), shrinks_per_batch, &send_ahead)));
      });
  const auto result = rc::detail::checkProperty(outer, rc::detail::TestMetadata{}, params);
  stop_drawing_ahead();
  if (smallest) {
    smallest->description =
        std::string(shrink.stopped_by_budget ? "smallest counterexample within the shrink budget: "
                                             : "smallest counterexample: ") +
        smallest->description;
    check.set_counterexample(*smallest);
    check.set_shrink(shrink);
  }
  if (result.is<rc::detail::GaveUpResult>())
    check.skip("RapidCheck gave up generating cases");
}

}  // namespace conform::suite
