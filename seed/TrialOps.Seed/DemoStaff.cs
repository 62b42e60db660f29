using TrialOps.Common;
using TrialOps.Messaging;

namespace TrialOps.Seed;

/// <summary>
/// The people of the demo: a trial coordinator who sets the trial up, and at every site a
/// coordinator, a research nurse (data entry), an investigator and an unblinded pharmacist with a
/// pharmacy technician who checks each preparation. User ids only: the demo does not create
/// sign-in accounts, except the technician's, a second Pharmacist account whose signature the
/// double check of each preparation needs (ADR 0020; see DemoRun). Site staff act with their site only (ADR 0010), like signed-in staff.
/// The sponsor's medical monitor and safety officer work trial-wide (ADR 0026).
/// </summary>
public sealed record DemoStaff(Actor Coordinator, Actor Nurse, Actor Investigator, Actor Pharmacist, string PharmacyTechnician)
{
    public static Actor Sponsor { get; } = new("demo.trial-coordinator", Roles.Coordinator);

    public static Actor MedicalMonitor { get; } = new("demo.medical-monitor", Roles.MedicalMonitor);

    public static Actor SafetyOfficer { get; } = new("demo.safety-officer", Roles.SafetyOfficer);

    public static DemoStaff AtSite(string site)
    {
        var tag = site.ToLowerInvariant();
        var atSite = SiteAccess.Only([site]);
        return new DemoStaff(
            new Actor($"demo.coordinator.{tag}", Roles.Coordinator, atSite),
            new Actor($"demo.nurse.{tag}", Roles.DataEntry, atSite),
            new Actor($"demo.investigator.{tag}", Roles.Investigator, atSite),
            new Actor($"demo.pharmacist.{tag}", Roles.Pharmacist),
            $"demo.pharmacy-technician.{tag}");
    }
}
