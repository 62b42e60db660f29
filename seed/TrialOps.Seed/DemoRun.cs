using Bogus;
using TrialOps.AdverseEvents;
using TrialOps.Assessments;
using TrialOps.Audit;
using TrialOps.Blinding;
using TrialOps.Common;
using TrialOps.Dosing;
using TrialOps.Messaging;
using TrialOps.Participants;
using TrialOps.Protocols;
using TrialOps.Randomization;
using TrialOps.Runtime;

namespace TrialOps.Seed;

/// <summary>One demo run over one protocol: plans the calendar, then drives each participant through the commands.</summary>
internal sealed class DemoRun
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly TrialOpsRuntime _runtime;
    private readonly ParticipantRegister _participants;
    private readonly SessionDoseViews _doses;
    private readonly ProtocolDefinition _protocol;
    private readonly DemoOptions _options;
    private readonly DemoEffects _effects;
    private readonly Action<string>? _log;
    private readonly SemaphoreSlim _randomization = new(1, 1);
    private readonly DateTimeOffset _trialStart;
    private readonly TimeSpan _enrolmentWindow;
    private readonly TimeSpan _sessionSpan;
    private readonly Dictionary<string, (string Name, string Password)> _checkers = new(StringComparer.Ordinal);
    private int _commands;
    private int _done;

    public DemoRun(TrialOpsRuntime runtime, ProtocolDefinition protocol, DemoOptions options, Action<string>? log)
    {
        _runtime = runtime;
        _participants = new ParticipantRegister(runtime);
        _doses = new SessionDoseViews(runtime);
        _protocol = protocol;
        _options = options;
        _effects = options.Effects ?? DemoEffects.DefaultsFor(protocol);
        _log = log;

        // Long enough for the dose and the last assessment; every participant's whole calendar
        // (screening, all periods with their washouts, follow-up) fits between the trial start
        // and a day before now, so no clinical time lies in the future.
        var longestDose = protocol.Treatments.Max(t => t.Components.Sum(c => c.Minutes));
        var lastAssessment = protocol.Assessments.SelectMany(a => a.Times).Max(t => t.AfterDosingStart);
        _sessionSpan = TimeSpan.FromMinutes((double)longestDose + 15) > lastAssessment ? TimeSpan.FromMinutes((double)longestDose + 15) : lastAssessment;
        var perPeriod = _sessionSpan + protocol.Washout.Duration + MaxGap(protocol.Washout.Duration) + TimeSpan.FromHours(1);
        var participantSpan = TimeSpan.FromDays(8) + perPeriod * protocol.PeriodCount + TimeSpan.FromDays(5);
        _enrolmentWindow = TimeSpan.FromDays(Math.Clamp(options.Participants, 14, 180));
        var now = runtime.Clock.GetUtcNow();
        _trialStart = new DateTimeOffset((now - _enrolmentWindow - participantSpan - TimeSpan.FromDays(2)).UtcDateTime.Date, TimeSpan.Zero);
    }

    public int Commands => _commands;

    public async Task<IReadOnlyList<DemoParticipantOutcome>> RunAsync(CancellationToken ct)
    {
        var count = _options.Participants;
        var sites = _protocol.Sites.Select(s => s.Code).ToArray();
        foreach (var site in sites)
        {
            _checkers[site] = await CheckerAccountAsync(DemoStaff.AtSite(site).PharmacyTechnician, site, ct);
        }

        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            next[site] = (await _participants.NextSubjectNumberAsync(_protocol.Code, site, ct)).Number;
        }

        var plans = DemoModel.Plan(count, _options.Seed).Select(role =>
        {
            var site = sites[role.Index % sites.Length];
            var subject = SubjectNumber.For(site, next[site]++);
            return new ParticipantPlan(role, site, subject);
        }).ToArray();

        var outcomes = new DemoParticipantOutcome[count];
        await Parallel.ForEachAsync(
            plans,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism), CancellationToken = ct },
            async (plan, token) =>
            {
                outcomes[plan.Index] = new DemoParticipantOutcome(plan.Subject.ToString(), plan.Site, await RunParticipantAsync(plan, token));
                var done = Interlocked.Increment(ref _done);
                if (done % Math.Max(1, count / 10) == 0 || done == count)
                {
                    _log?.Invoke($"demo: {done}/{count} participants");
                }
            });
        return outcomes;
    }

    /// <summary>
    /// The site's second pharmacist, who signs each preparation's double check (ADR 0020): a
    /// Pharmacist account of the site with a random password that is used by this run only and
    /// never shown, so nobody can sign in with it. A later run on the same database creates another
    /// (user names are never reused).
    /// </summary>
    private Task<(string Name, string Password)> CheckerAccountAsync(string baseName, string site, CancellationToken ct) =>
        SignerAccountAsync(baseName, $"Demo pharmacy technician {site}", Roles.Pharmacist, site, ct);

    /// <summary>
    /// An account that signs in this run only (random password, never shown): the demo's second
    /// pharmacists, and the investigator who signs the demo's code break (ADR 0023: a signature is
    /// checked against a real account, so the demo needs one).
    /// </summary>
    private async Task<(string Name, string Password)> SignerAccountAsync(string baseName, string displayName, string role, string site, CancellationToken ct)
    {
        var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var identity = new TrialOps.Identity.IdentityService(_runtime);
        for (var attempt = 1; attempt < 100; attempt++)
        {
            var suffix = attempt == 1 ? string.Empty : $"-{attempt}";
            var name = baseName[..Math.Min(baseName.Length, TrialOps.Identity.UserRules.MaxUserNameLength - suffix.Length)] + suffix;
            var created = await identity.CreateUserAsync(
                CommandContext.New(Actor.System),
                new TrialOps.Identity.NewUser(name, displayName, role, [site], password),
                ct);
            if (created.Accepted)
            {
                return (name, password);
            }

            if (created.Rejection?.Code != TrialOps.Identity.IdentityRejections.UserExists)
            {
                throw new DemoException($"The demo account {baseName} ({role}, site {site}) could not be created: {created.Rejection?.Message}");
            }
        }

        throw new DemoException($"The demo account {baseName} ({role}, site {site}) could not be created: every name is taken.");
    }

    private async Task<ParticipantStatus> RunParticipantAsync(ParticipantPlan plan, CancellationToken ct)
    {
        var faker = new Faker { Random = new Randomizer(unchecked((_options.Seed * 7919) + plan.Index)) };
        var staff = DemoStaff.AtSite(plan.Site);
        var code = _protocol.Code;
        var subject = plan.Subject;

        var screenedAt = _trialStart + (_enrolmentWindow * plan.Index / Math.Max(1, _options.Participants)) + TimeSpan.FromHours(8 + faker.Random.Double() * 8);
        var consentDate = DateOnly.FromDateTime(screenedAt.UtcDateTime);
        await Must(_runtime.SendAsync(Context(staff.Coordinator), new ScreenParticipant(code, plan.Site, subject, consentDate, "2.1 (2026-01-15)"), ct), "screening", subject);
        await Must(_runtime.SendAsync(Context(staff.Coordinator), Demographics(plan, subject, consentDate), ct), "demographics", subject);

        var failing = plan.ScreenFailure ? faker.PickRandom(_protocol.Eligibility.Inclusion.Select(c => c.Code).Concat(_protocol.Eligibility.Exclusion.Select(c => c.Code)).ToArray()) : null;
        var answers = _protocol.Eligibility.Inclusion.Select(c => new EligibilityAnswer(c.Code, c.Code != failing))
            .Concat(_protocol.Eligibility.Exclusion.Select(c => new EligibilityAnswer(c.Code, c.Code == failing)))
            .ToArray();
        await Must(_runtime.SendAsync(Context(staff.Investigator), new ConfirmEligibility(code, subject, answers), ct), "eligibility", subject);
        if (plan.ScreenFailure)
        {
            return ParticipantStatus.ScreenFailed;
        }

        var model = DemoModel.Participant(_protocol, _effects, _options.Seed, plan.Role);
        var baseWeight = Math.Round((decimal)Math.Clamp(Normal(faker, 78, 14), 48, 135), 1);
        var start = screenedAt + TimeSpan.FromDays(faker.Random.Int(1, 7));
        start = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero) + TimeSpan.FromHours(8.5) + (faker.Random.Int(0, 90) * Minute);

        // Randomized the day before the first dose (at the earliest on the day of consent).
        var randomizationDate = DateOnly.FromDateTime(start.UtcDateTime).AddDays(-1);
        await EnrollAsync(plan, staff, randomizationDate < consentDate ? consentDate : randomizationDate, ct);
        DateTimeOffset lastStop = start;
        string? previousTreatment = null;
        for (var period = 1; period <= _protocol.PeriodCount; period++)
        {
            (lastStop, var simulated) = await RunPeriodAsync(plan, staff, faker, model, period, previousTreatment, start, baseWeight, ct);
            previousTreatment = simulated.Treatment;
            if (simulated.LeavesAfter)
            {
                var (reason, details) = plan.Withdraws && period == 1
                    ? (WithdrawalReason.WithdrawalBySubject, "Participant withdrew consent: the journeys to the clinic became too burdensome.")
                    : simulated.AdverseEvents.Count > 0
                        ? (WithdrawalReason.AdverseEvent, $"Did not wish to continue after {simulated.AdverseEvents[0].Term.ToLowerInvariant()} in period {period}.")
                        : (WithdrawalReason.WithdrawalBySubject, $"Did not return for period {period + 1}: no longer willing to take part.");
                await Must(_runtime.SendAsync(Context(staff.Investigator), new WithdrawParticipant(code, subject, lastStop + TimeSpan.FromDays(2), reason, details), ct), "withdrawal", subject);
                return ParticipantStatus.Withdrawn;
            }

            start = NextStart(faker, lastStop + _protocol.Washout.Duration);
        }

        await Must(_runtime.SendAsync(Context(staff.Coordinator), new CompleteParticipation(code, subject, lastStop + _sessionSpan + TimeSpan.FromMinutes(30)), ct), "completion", subject);
        return ParticipantStatus.Completed;
    }

    /// <summary>
    /// Plausible demographics for an adult pain population, from a generator of their own so that
    /// the rest of the participant's story draws the same values as before they were added.
    /// </summary>
    private RecordDemographics Demographics(ParticipantPlan plan, SubjectNumber subject, DateOnly consentDate)
    {
        var faker = new Faker { Random = new Randomizer(unchecked((_options.Seed * 104729) + plan.Index)) };
        var age = faker.Random.Int(21, 78);
        var sex = faker.Random.Bool(0.58f) ? "F" : "M";
        var race = faker.Random.WeightedRandom(
            ["WHITE", "ASIAN", "BLACK OR AFRICAN AMERICAN", "OTHER", "NOT REPORTED"],
            [0.72f, 0.12f, 0.1f, 0.03f, 0.03f]);
        var ethnicity = faker.Random.WeightedRandom(["NOT HISPANIC OR LATINO", "HISPANIC OR LATINO", "NOT REPORTED"], [0.86f, 0.1f, 0.04f]);
        return _protocol.AgeCollection == AgeCollection.Age
            ? new RecordDemographics(_protocol.Code, subject, null, age, sex, race, ethnicity)
            : new RecordDemographics(_protocol.Code, subject, consentDate.AddYears(-age).AddDays(-faker.Random.Int(1, 360)), null, sex, race, ethnicity);
    }

    private async Task<(DateTimeOffset Stop, SimulatedPeriod Simulated)> RunPeriodAsync(
        ParticipantPlan plan, DemoStaff staff, Faker faker, ParticipantModel model, int period, string? previousTreatment, DateTimeOffset start, decimal baseWeight, CancellationToken ct)
    {
        var (code, subject) = (_protocol.Code, plan.Subject);
        var weight = Math.Round(baseWeight + (decimal)Normal(faker, 0, 0.8), 1);
        await Must(_runtime.SendAsync(Context(staff.Nurse), new RecordSessionWeight(code, subject, period, start - TimeSpan.FromMinutes(50), weight), ct), "weight", subject);
        if (faker.Random.Bool(0.02f))
        {
            await Must(_runtime.SendAsync(
                Context(staff.Nurse),
                new CorrectSessionWeight(code, subject, period, weight + 1.0m, start - TimeSpan.FromMinutes(50), "Scale was not zeroed; re-weighed on the calibrated scale."),
                ct), "weight correction", subject);
            weight += 1.0m;
        }

        // The demo reads the allocation through the pharmacist's unblinded view, as the pharmacy
        // does, and uses it only to simulate outcomes (documented in seed/README.md).
        var pharmacy = await _doses.GetPharmacyDoseAsync(staff.Pharmacist, code, subject, period, ct)
            ?? throw new DemoException($"{subject}: no pharmacy view of period {period}.");
        // Vital signs rise during an infusion that has a simulated effect (not during placebo):
        // decided by the simulation, so a simulation with the same profile for every treatment
        // gives the same record whatever the allocation (the blinded-export allocation test).
        var active = _effects.Treatments[pharmacy.TreatmentCode].Effect.Peak != 0;
        var simulated = model.Period(period, pharmacy.TreatmentCode, previousTreatment);
        await Must(_runtime.SendAsync(
            Context(staff.Pharmacist),
            new RecordDosePreparation(code, subject, period, pharmacy.Kit, start - TimeSpan.FromMinutes(40), _checkers[plan.Site].Name, _checkers[plan.Site].Password),
            ct), "preparation", subject);

        foreach (var assessment in _protocol.Assessments)
        {
            if (assessment.Times.FirstOrDefault(t => t.AfterDosingStart == TimeSpan.Zero) is { } baseline)
            {
                await RecordAssessmentAsync(subject, staff, faker, simulated, assessment, baseline, start - TimeSpan.FromMinutes(faker.Random.Int(5, 15)), false, TimeSpan.Zero, ct);
            }
        }

        await Must(_runtime.SendAsync(Context(staff.Nurse), new StartDosing(code, subject, period, start), ct), "dosing start", subject);
        var duration = pharmacy.Dose?.Duration ?? TimeSpan.Zero;
        var stop = start + (duration > TimeSpan.Zero ? duration : Minute);
        if (duration >= TimeSpan.FromMinutes(10) && faker.Random.Bool(0.05f))
        {
            var interruptedAt = start + duration / 2;
            await Must(_runtime.SendAsync(Context(staff.Nurse), new InterruptDosing(code, subject, period, interruptedAt, "Cannula occluded; flushed"), ct), "interruption", subject);
            await Must(_runtime.SendAsync(Context(staff.Nurse), new ResumeDosing(code, subject, period, interruptedAt + TimeSpan.FromMinutes(6)), ct), "resumption", subject);
            stop += TimeSpan.FromMinutes(6);
        }

        if (pharmacy.Blinded is { VolumeMl: { } volume, Duration: { } planned } && planned > TimeSpan.Zero && faker.Random.Bool(0.03f))
        {
            var rate = Math.Round(volume / (decimal)planned.TotalHours * 0.8m, 1);
            await Must(_runtime.SendAsync(Context(staff.Nurse), new ChangeInfusionRate(code, subject, period, start + duration / 3, rate, "Discomfort at the infusion site"), ct), "rate change", subject);
        }

        foreach (var (assessment, time) in _protocol.Assessments.SelectMany(a => a.Times.Where(t => t.AfterDosingStart > TimeSpan.Zero).Select(t => (a, t))).OrderBy(x => x.t.AfterDosingStart))
        {
            var at = start + time.AfterDosingStart + TimeSpan.FromMinutes(faker.Random.Int(0, 4));
            if (MissedByDesign(subject, period, assessment, time))
            {
                await Must(_runtime.SendAsync(Context(staff.Nurse), new RecordAssessmentNotDone(code, subject, period, assessment.Code, time.Iso, "Participant asleep at the time point; not woken per protocol"), ct), "assessment not done", subject);
                continue;
            }

            await RecordAssessmentAsync(subject, staff, faker, simulated, assessment, time, at, active, duration, ct);
        }

        await Must(_runtime.SendAsync(Context(staff.Nurse), new StopDosing(code, subject, period, stop, true, null), ct), "dosing stop", subject);
        await AdverseEventsAsync(plan, staff, faker, period, start, stop, simulated.AdverseEvents, ct);
        return (stop, simulated);
    }

    /// <summary>
    /// Now and then a scheduled measurement is missed: the last post-dose vital signs of period 2
    /// of every sixth subject (by running number) are recorded as not done. Decided from the subject
    /// number, not drawn, so the rest of the simulated record stays as it was.
    /// </summary>
    private static bool MissedByDesign(SubjectNumber subject, int period, AssessmentDefinition assessment, AssessmentTime time) =>
        assessment.Kind == AssessmentKind.Vitals && period == 2 && subject.Number % 6 == 3 && time == assessment.Times[^1] && time.AfterDosingStart > TimeSpan.Zero;

    private async Task RecordAssessmentAsync(SubjectNumber participant, DemoStaff staff, Faker faker, SimulatedPeriod simulated, AssessmentDefinition assessment, AssessmentTime time, DateTimeOffset at, bool active, TimeSpan duration, CancellationToken ct)
    {
        var period = simulated.Period;
        if (assessment.Kind == AssessmentKind.Scale && assessment.Scale is { } scale)
        {
            // The model's value is the truth; now and then the nurse first types a wrong one and
            // corrects it with a reason, so the current value is always the model's.
            var value = simulated.ValueOf(assessment.Code, time.AfterDosingStart);
            var step = Math.Max(1, Math.Round((scale.Max - scale.Min) / 20));
            var mistyped = faker.Random.Bool(0.015f) ? Math.Clamp(value - step >= scale.Min ? value - step : value + step, scale.Min, scale.Max) : value;
            await Must(_runtime.SendAsync(Context(staff.Nurse), new RecordScaleAssessment(_protocol.Code, participant, period, assessment.Code, time.Iso, at, mistyped), ct), "assessment", participant);
            if (mistyped != value)
            {
                await Must(_runtime.SendAsync(
                    Context(staff.Nurse),
                    new CorrectScaleAssessment(_protocol.Code, participant, period, assessment.Code, time.Iso, value, at, "Transcription error: value copied from the wrong line of the source sheet."),
                    ct), "assessment correction", participant);
            }
        }
        else
        {
            var during = active && time.AfterDosingStart <= duration + TimeSpan.FromMinutes(30) && time.AfterDosingStart > TimeSpan.Zero;
            var systolic = (int)Math.Round(Math.Clamp(Normal(faker, 128 + (during ? 12 : 0), 11), 95, 175));
            var diastolic = (int)Math.Round(Math.Clamp(Normal(faker, 78 + (during ? 6 : 0), 7), 55, systolic - 20));
            var heartRate = (int)Math.Round(Math.Clamp(Normal(faker, 73 + (during ? 8 : 0), 9), 48, 115));
            var spo2 = (int)Math.Round(Math.Clamp(Normal(faker, 97, 1.2), 93, 100));
            if (during && faker.Random.Bool(0.03f))
            {
                systolic = faker.Random.Int(182, 196);
            }

            await Must(_runtime.SendAsync(
                Context(staff.Nurse),
                new RecordVitalSigns(_protocol.Code, participant, period, assessment.Code, time.Iso, at, new VitalSigns(systolic, diastolic, heartRate, spo2)),
                ct), "vital signs", participant);
        }
    }

    private async Task AdverseEventsAsync(ParticipantPlan plan, DemoStaff staff, Faker faker, int period, DateTimeOffset start, DateTimeOffset stop, IReadOnlyList<CtcaeTerm> terms, CancellationToken ct)
    {
        foreach (var ctcae in terms)
        {
            var term = ctcae.Term;

            var onsetAt = start + TimeSpan.FromMinutes(faker.Random.Int(5, 120));
            var precision = faker.Random.Int(1, 100);
            var onset = precision <= 75 ? PartialDate.FromInstant(onsetAt) : PartialDate.FromDate(DateOnly.FromDateTime(onsetAt.UtcDateTime));
            var awareAt = onset.IsComplete && precision <= 75 ? onsetAt + TimeSpan.FromMinutes(5) : stop + TimeSpan.FromMinutes(30);
            awareAt = awareAt < onset.Earliest ? onset.Earliest : awareAt;
            var grade = ctcae.DefinedGrades.Where(g => g <= 2).DefaultIfEmpty(ctcae.DefinedGrades[0]).Max() == 2 && faker.Random.Bool(0.25f) ? 2 : ctcae.DefinedGrades[0];
            var ongoing = faker.Random.Bool(0.2f);
            var end = PartialDate.FromInstant(onsetAt + TimeSpan.FromMinutes(faker.Random.Int(20, 240)));
            var endDate = onset.Text.Length == 10 ? PartialDate.FromDate(DateOnly.FromDateTime(end.Earliest.UtcDateTime)) : end;
            var byInvestigator = faker.Random.Bool(0.85f);
            var input = new AdverseEventInput(
                ctcae.MeddraCode,
                onset,
                ongoing ? null : endDate,
                grade,
                [],
                byInvestigator ? faker.PickRandom(Causality.Possible, Causality.Probable, Causality.Unlikely) : null,
                ActionTaken.DoseNotChanged,
                ongoing ? AdverseEventOutcome.RecoveringResolving : AdverseEventOutcome.RecoveredResolved);
            var id = AdverseEventStreams.NewId();
            await Must(_runtime.SendAsync(
                Context(byInvestigator ? staff.Investigator : staff.Nurse),
                new ReportAdverseEvent(id, _protocol.Code, plan.Subject, awareAt, input),
                ct), $"adverse event {term}", plan.Subject);
            if (!byInvestigator)
            {
                await Must(_runtime.SendAsync(Context(staff.Investigator), new AssessAdverseEventCausality(id, Causality.Possible), ct), "causality", plan.Subject);
            }

            if (ongoing)
            {
                await Must(_runtime.SendAsync(Context(staff.Nurse), new RecordAdverseEventOutcome(id, AdverseEventOutcome.RecoveredResolved, endDate), ct), "outcome", plan.Subject);
            }
        }

        if (plan.SeriousAdverseEvent && period == _protocol.PeriodCount)
        {
            await SeriousAdverseEventAsync(plan, staff, stop, ct);
        }
    }

    /// <summary>A hypertensive episode two hours after the last dose: hospitalization, reported, followed up, the blind broken for it.</summary>
    private async Task SeriousAdverseEventAsync(ParticipantPlan plan, DemoStaff staff, DateTimeOffset stop, CancellationToken ct)
    {
        var term = CtcaeDictionary.V5.FindByTerm("Hypertension") ?? throw new DemoException("CTCAE has no term Hypertension.");
        var onsetAt = stop + TimeSpan.FromHours(2);
        var id = AdverseEventStreams.NewId();
        var input = new AdverseEventInput(
            term.MeddraCode,
            PartialDate.FromInstant(onsetAt),
            null,
            3,
            [SeriousnessCriterion.Hospitalization],
            Causality.Possible,
            ActionTaken.NotApplicable,
            AdverseEventOutcome.RecoveringResolving);
        var awareAt = onsetAt + TimeSpan.FromMinutes(20);
        await Must(_runtime.SendAsync(Context(staff.Investigator), new ReportAdverseEvent(id, _protocol.Code, plan.Subject, awareAt, input), ct), "serious adverse event", plan.Subject);
        await Must(_runtime.SendAsync(Context(staff.Investigator), new ReportSaeToSponsor(id, awareAt + TimeSpan.FromHours(6), "SAE-2026-0001"), ct), "SAE report", plan.Subject);
        await SusarAsync(plan, id, awareAt + TimeSpan.FromHours(6), ct);
        var (signer, password) = await SignerAccountAsync(staff.Investigator.UserId, $"Demo investigator {plan.Site}", Roles.Investigator, plan.Site, ct);
        await Must(_runtime.SendAsync(
            Context(staff.Investigator with { UserId = signer }),
            new BreakParticipantBlind(
                _protocol.Code,
                plan.Subject.ToString(),
                "Hypertensive urgency requiring admission; the treating physician needs to know whether ketamine was given.",
                new TrialOps.Signatures.SignatureRequest(signer, password)),
            ct), "emergency unblinding", plan.Subject);
        await Must(_runtime.SendAsync(
            Context(staff.Investigator),
            new ReportSaeFollowUp(id, awareAt + TimeSpan.FromDays(3), "Blood pressure controlled on amlodipine; discharged home on day 2. No further study treatment."),
            ct), "SAE follow-up", plan.Subject);
        await Must(_runtime.SendAsync(
            Context(staff.Investigator),
            new RecordAdverseEventOutcome(id, AdverseEventOutcome.RecoveredResolved, PartialDate.FromDate(DateOnly.FromDateTime((onsetAt + TimeSpan.FromDays(2)).UtcDateTime))),
            ct), "SAE outcome", plan.Subject);
    }

    /// <summary>
    /// The sponsor's side of the SAE (ADR 0026): the medical monitor assesses expectedness against
    /// the reference safety information, taking its suggestion; if that makes it a SUSAR, the safety
    /// officer records the initial expedited report five days after awareness (or today, if sooner).
    /// </summary>
    private async Task SusarAsync(ParticipantPlan plan, string id, DateTimeOffset sponsorAwareAt, CancellationToken ct)
    {
        var term = CtcaeDictionary.V5.FindByTerm("Hypertension")!;
        var (suggested, _) = ExpeditedReporting.Suggest(term.MeddraCode, _protocol.Safety.ExpectedTerms);
        await Must(_runtime.SendAsync(Context(DemoStaff.MedicalMonitor), new AssessExpectedness(id, suggested, null), ct), "expectedness", plan.Subject);
        if (suggested != Expectedness.Unexpected)
        {
            return;
        }

        var today = ExpeditedReporting.Day(_runtime.Clock.GetUtcNow());
        var submittedOn = ExpeditedReporting.Day(sponsorAwareAt).AddDays(5);
        await Must(_runtime.SendAsync(
            Context(DemoStaff.SafetyOfficer),
            new RecordSusarSubmission(id, SusarReportKind.Initial, submittedOn > today ? today : submittedOn, "EMA EudraVigilance", "EU-SUSAR-2026-0001", "Initial CIOMS I report."),
            ct), "SUSAR report", plan.Subject);
    }

    /// <summary>Randomizes, extending an exhausted stratum's list as a Coordinator would (one at a time: the list is one stream).</summary>
    private async Task EnrollAsync(ParticipantPlan plan, DemoStaff staff, DateOnly randomizationDate, CancellationToken ct)
    {
        await _randomization.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var result = await _runtime.SendAsync(Context(staff.Coordinator), new EnrollParticipant(_protocol.Code, plan.Subject, randomizationDate), ct);
                Interlocked.Increment(ref _commands);
                if (result.Accepted)
                {
                    return;
                }

                if (result.Rejection?.Code == "randomization.stratum-exhausted" && attempt < 5)
                {
                    var stratum = Strata.Of(_protocol, plan.Site);
                    var additional = Math.Max(_protocol.Randomization.BlockSizes.Max(), _options.Participants);
                    var extended = await _runtime.SendAsync(
                        Context(stratum == Strata.Unstratified ? DemoStaff.Sponsor : staff.Coordinator),
                        new ExtendStratumList(_protocol.Code, stratum, additional, "Demo trial: more participants than the list holds"),
                        ct);
                    Interlocked.Increment(ref _commands);
                    if (!extended.Accepted)
                    {
                        throw new DemoException($"{plan.Subject}: extending stratum {stratum} was refused: {extended.Rejection?.Message}");
                    }

                    continue;
                }

                if (result.Rejection?.Code == "concurrency-conflict" && attempt < 5)
                {
                    continue;
                }

                throw new DemoException($"{plan.Subject}: randomization was refused: {result.Rejection?.Message}");
            }
        }
        finally
        {
            _randomization.Release();
        }
    }

    private async Task Must(Task<CommandResult> command, string what, SubjectNumber subject)
    {
        var result = await command;
        Interlocked.Increment(ref _commands);
        if (!result.Accepted)
        {
            throw new DemoException($"{_protocol.Code} {subject}: {what} was refused: {result.Rejection?.Code}: {result.Rejection?.Message}");
        }
    }

    private static CommandContext Context(Actor actor) => CommandContext.New(actor);

    /// <summary>Normal deviate (Box–Muller) from Bogus's seeded generator.</summary>
    private static double Normal(Faker faker, double mean, double sd)
    {
        var u1 = 1.0 - faker.Random.Double();
        var u2 = faker.Random.Double();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    /// <summary>
    /// The next session's start after the washout ends: within the hour for washouts shorter than a
    /// day (same-day crossovers), otherwise a morning in the next three days, never before the end.
    /// </summary>
    private DateTimeOffset NextStart(Faker faker, DateTimeOffset washoutEndsAt)
    {
        if (_protocol.Washout.Duration < TimeSpan.FromDays(1))
        {
            return washoutEndsAt + TimeSpan.FromMinutes(faker.Random.Int(5, 60));
        }

        var morning = new DateTimeOffset(washoutEndsAt.UtcDateTime.Date, TimeSpan.Zero) + TimeSpan.FromDays(faker.Random.Int(0, 2)) + TimeSpan.FromHours(8.5) + (faker.Random.Int(0, 90) * Minute);
        return morning < washoutEndsAt ? morning + TimeSpan.FromDays(1) : morning;
    }

    private static TimeSpan MaxGap(TimeSpan washout) => washout < TimeSpan.FromDays(1) ? TimeSpan.FromHours(1) : TimeSpan.FromHours(96);

    private sealed record ParticipantPlan(DemoParticipantRole Role, string Site, SubjectNumber Subject)
    {
        public int Index => Role.Index;

        public bool ScreenFailure => Role.ScreenFailure;

        public bool Withdraws => Role.PlannedWithdrawal;

        public bool SeriousAdverseEvent => Role.SeriousAdverseEvent;
    }
}
