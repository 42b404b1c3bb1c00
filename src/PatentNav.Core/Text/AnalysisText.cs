using PatentNav.Records;

namespace PatentNav.Text;

/// <summary>The text of a record that term discovery and the text analytics (clusters, the classifier, need matching) read.</summary>
public static class AnalysisText
{
    /// <summary>Title and abstract; claims are left out because they repeat the abstract in legal boilerplate.</summary>
    public static string Of(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Abstract is null ? record.Title ?? string.Empty : record.Title + "\n" + record.Abstract;
    }
}
