namespace PatentNav.Records;

/// <summary>
/// The rule for importing a record whose publication number is already stored (upsert).
/// </summary>
/// <remarks>
/// Field by field: a value the incoming record carries (non-null text, a non-empty list, a known kind or status) replaces
/// the stored value; a value it lacks keeps the stored one. So a Google Patents export (no abstract, no citations) never
/// erases an abstract imported earlier from CNIPA, while a newer export's legal status replaces an older one. The record's
/// <see cref="PatentRecord.SourceFormat"/> and <see cref="PatentRecord.ImportBatch"/> become the incoming ones;
/// <see cref="PatentRecord.Synthetic"/> stays true once either side was synthetic.
/// </remarks>
public static class RecordMerge
{
    /// <summary>Merges <paramref name="incoming"/> onto <paramref name="stored"/> by the rule above.</summary>
    public static PatentRecord Merge(PatentRecord stored, PatentRecord incoming)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        return new PatentRecord
        {
            PublicationNumber = incoming.PublicationNumber,
            ApplicationNumber = incoming.ApplicationNumber ?? stored.ApplicationNumber,
            Kind = incoming.Kind != PatentKind.Unknown ? incoming.Kind : stored.Kind,
            Title = incoming.Title ?? stored.Title,
            Abstract = incoming.Abstract ?? stored.Abstract,
            FirstClaim = incoming.FirstClaim ?? stored.FirstClaim,
            Claims = incoming.Claims ?? stored.Claims,
            Applicants = Pick(incoming.Applicants, stored.Applicants),
            CurrentHolders = Pick(incoming.CurrentHolders, stored.CurrentHolders),
            Inventors = Pick(incoming.Inventors, stored.Inventors),
            ApplicantAddress = incoming.ApplicantAddress ?? stored.ApplicantAddress,
            ApplicantCountry = incoming.ApplicantCountry ?? stored.ApplicantCountry,
            Region = incoming.Region ?? stored.Region,
            MainIpc = incoming.MainIpc ?? stored.MainIpc,
            Ipc = Pick(incoming.Ipc, stored.Ipc),
            Cpc = Pick(incoming.Cpc, stored.Cpc),
            FilingDate = incoming.FilingDate ?? stored.FilingDate,
            PublicationDate = incoming.PublicationDate ?? stored.PublicationDate,
            GrantDate = incoming.GrantDate ?? stored.GrantDate,
            LegalStatus = incoming.LegalStatus != LegalStatus.Unknown || incoming.LegalStatusRaw is not null ? incoming.LegalStatus : stored.LegalStatus,
            LegalStatusRaw = incoming.LegalStatusRaw ?? stored.LegalStatusRaw,
            ForwardCitations = incoming.ForwardCitations ?? stored.ForwardCitations,
            FamilySize = incoming.FamilySize ?? stored.FamilySize,
            FamilyCountries = incoming.FamilyCountries ?? stored.FamilyCountries,
            TransferCount = incoming.TransferCount ?? stored.TransferCount,
            LicenceCount = incoming.LicenceCount ?? stored.LicenceCount,
            PledgeCount = incoming.PledgeCount ?? stored.PledgeCount,
            SourceFormat = incoming.SourceFormat ?? stored.SourceFormat,
            ImportBatch = incoming.ImportBatch ?? stored.ImportBatch,
            Synthetic = incoming.Synthetic || stored.Synthetic,
        };
    }

    /// <summary>Whether two records carry the same data, ignoring which batch wrote them.</summary>
    public static bool SameContent(PatentRecord a, PatentRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return PatentJson.Serialize(a with { ImportBatch = null, SourceFormat = null })
            == PatentJson.Serialize(b with { ImportBatch = null, SourceFormat = null });
    }

    private static IReadOnlyList<T> Pick<T>(IReadOnlyList<T> incoming, IReadOnlyList<T> stored) => incoming.Count > 0 ? incoming : stored;
}
