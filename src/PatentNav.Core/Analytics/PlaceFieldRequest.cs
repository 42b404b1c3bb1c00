using PatentNav.Records;

namespace PatentNav.Analytics;

/// <summary>What the analyses of a place in a field share (positioning, chokepoints, the navigation report): the place,
/// the field as an industry, and the counted date with its period and cut-off.</summary>
public abstract record PlaceFieldRequest
{
    /// <summary>The place: a catalogue id, name or alias (320771, xuwei, 连云港经开区) or any GB/T 2260 code (32, 3207, 320706).</summary>
    public string? Place { get; init; }

    /// <summary>The field as an industry filter (<c>city:高端石化</c>, <c>sei:3.3</c>, a name).</summary>
    public string? Industry { get; init; }

    /// <summary>The date counted per year and restricted by <see cref="From"/>/<see cref="To"/>; filing date by default.</summary>
    public DateField DateField { get; init; }

    /// <summary>Earliest date (inclusive) of <see cref="DateField"/>.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Latest date (inclusive) of <see cref="DateField"/>.</summary>
    public DateOnly? To { get; init; }

    /// <summary>The data cut-off; default the latest date in the workspace.</summary>
    public DateOnly? Cutoff { get; init; }
}
