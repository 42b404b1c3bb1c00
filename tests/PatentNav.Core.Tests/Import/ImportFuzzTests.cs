using PatentNav.Import;
using PatentNav.Workspace;

namespace PatentNav.Tests.Import;

/// <summary>
/// Hostile input: mutated real fixtures must either read (records or row errors) or be refused with an
/// <see cref="ImportFormatException"/> naming the problem — never another exception, never a hang.
/// </summary>
/// <remarks>Deterministic: every case is derived from a fixed seed (see <see cref="ImportFuzzCases"/>); a failure lists the
/// case's seed and mutations so it can be replayed with <c>ImportFuzzCases.Make(container, index)</c>.</remarks>
public sealed class ImportFuzzTests : IDisposable
{
    /// <summary>Cases per container (CSV, XLSX, XLS, JSONL).</summary>
    public const int CasesPerContainer = 300;

    /// <summary>Cases also imported into a workspace.</summary>
    public const int WorkspaceCases = 52;

    // Generous: a case normally takes milliseconds; only a hang (an endless loop in a parser) comes near it.
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "patentnav-core-fuzz-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("xls")]
    [InlineData("jsonl")]
    public async Task ReadRows_MutatedFixtures_ReadOrRefuseWithImportFormatException(string container)
    {
        var failures = new List<string>();
        int read = 0, refused = 0;
        for (var i = 0; i < CasesPerContainer; i++)
        {
            var fuzz = ImportFuzzCases.Make(container, i);
            var run = Task.Run(() => ReadAll(fuzz));
            if (await Task.WhenAny(run, Task.Delay(CaseTimeout)) != run)
            {
                failures.Add($"{fuzz}: no answer within {CaseTimeout.TotalSeconds} s (hang)");
                continue;
            }

            switch (Classify(fuzz, await run))
            {
                case null:
                    read++;
                    break;
                case "refused":
                    refused++;
                    break;
                case { } failure:
                    failures.Add(failure);
                    break;
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {CasesPerContainer} {container} cases failed:\n" + string.Join("\n", failures));
        Assert.Equal(CasesPerContainer, read + refused);
        Assert.True(read > 0 && refused > 0, $"the mutations should both keep some {container} files readable and break others (read {read}, refused {refused})");
    }

    [Fact]
    public async Task ImportAsync_MutatedFixtures_CompleteOrFailAndNeverLoseDocuments()
    {
        using var workspace = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = _directory });
        var failures = new List<string>();
        var states = new Dictionary<ImportState, int>();
        var count = workspace.Search.DocumentCount;
        for (var i = 0; i < WorkspaceCases; i++)
        {
            var container = ImportFuzzCases.Containers[i % ImportFuzzCases.Containers.Length];
            var fuzz = ImportFuzzCases.Make(container, i / ImportFuzzCases.Containers.Length);
            var options = new ImportOptions { Format = fuzz.Format, FileName = fuzz.Fixture };
            ImportReport report;
            try
            {
                var run = workspace.Imports.ImportAsync(new MemoryStream(fuzz.Bytes), options);
                if (await Task.WhenAny(run, Task.Delay(CaseTimeout)) != run)
                {
                    failures.Add($"{fuzz}: the import did not finish within {CaseTimeout.TotalSeconds} s");
                    break; // the import gate is held: later cases would only queue behind it
                }

                report = await run;
            }
            catch (Exception ex)
            {
                failures.Add($"{fuzz}: ImportAsync threw {ex.GetType().FullName}: {ex.Message}");
                continue;
            }

            if (report.State is not (ImportState.Completed or ImportState.Failed))
            {
                failures.Add($"{fuzz}: report state {report.State} ({report.Message})");
            }

            if (report.State == ImportState.Failed && string.IsNullOrWhiteSpace(report.Message))
            {
                failures.Add($"{fuzz}: failed without a message naming the problem");
            }

            states[report.State] = states.GetValueOrDefault(report.State) + 1;
            var now = workspace.Search.DocumentCount;
            if (now < count)
            {
                failures.Add($"{fuzz}: the document count fell from {count} to {now}");
            }

            count = now;
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(states.GetValueOrDefault(ImportState.Completed) > 0, "some mutated files should still import");
        Assert.True(states.GetValueOrDefault(ImportState.Failed) > 0, "some mutated files should be refused");
        Assert.True(count > 0);
    }

    [Theory]
    [InlineData("<c r=\"ZZZZZZ99999999\"><v>1</v></c>", "columns")]
    [InlineData("<c r=\"XFE1\"><v>1</v></c>", "columns")]
    public void ReadRows_SheetClaimingMoreColumnsThanExcel_RefusedInsteadOfAllocatingThem(string cell, string named)
    {
        // Regression (fuzz xlsx 69): ExcelDataReader sized every row from the highest cell reference (321 million columns)
        // and never finished.
        var bytes = WithSheet(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", "incopat.xlsx")),
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">" + cell + "</row></sheetData></worksheet>");

        var ex = Assert.Throws<ImportFormatException>(() =>
        {
            using var file = Samples.Open(bytes);
            _ = file.ReadRows().Count();
        });
        Assert.Contains("16,384", ex.Message, StringComparison.Ordinal);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    private static byte[] WithSheet(byte[] xlsx, string sheetXml)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var target = zip.CreateEntry("xl/worksheets/sheet1.xml").Open();
            target.Write(System.Text.Encoding.UTF8.GetBytes(sheetXml));
        }

        return ms.ToArray();
    }

    private static Exception? ReadAll(ImportFuzzCase fuzz)
    {
        try
        {
            // Every third case arrives as a non-seekable stream, as an HTTP upload does (the workbook goes through a temporary file).
            Stream stream = fuzz.Index % 3 == 2 ? new Samples.NonSeekableStream(new MemoryStream(fuzz.Bytes)) : new MemoryStream(fuzz.Bytes);
            using var file = ExportReader.Open(stream, new ImportOptions { Format = fuzz.Format, FileName = fuzz.Fixture });
            foreach (var row in file.ReadRows())
            {
                // A row is a record or the errors that rejected it, never neither.
                if (row.Record is null && row.Errors.Count == 0)
                {
                    return new InvalidOperationException($"row {row.Row} has neither a record nor errors");
                }
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary><c>null</c> when read, <c>"refused"</c> for an accepted refusal, else the failure's description.</summary>
    private static string? Classify(ImportFuzzCase fuzz, Exception? ex) => ex switch
    {
        null => null,
        ImportFormatException f when !string.IsNullOrWhiteSpace(f.Message) => "refused",
        ArgumentException a when a.GetType() == typeof(ArgumentException) && fuzz.Format == "bogus" => "refused",
        _ => $"{fuzz}: {ex.GetType().FullName}: {ex.Message}\n    at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}",
    };
}
