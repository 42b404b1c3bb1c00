using System.Text;
using PatentNav.Import;

namespace PatentNav.Tests.Import;

/// <summary>Real publication numbers, titles and IPC subclasses (rows 0–5 of cn-titles-ipc, see Fixtures/README.md); every
/// applicant, address and date around them is synthetic.</summary>
internal static class Samples
{
    public static readonly (string Number, string Title, string Ipc)[] Patents =
    [
        ("CN114081026A", "一种水电站高压输电线路驱鸟保护装置", "A01M;G06F;H02G"),
        ("CN111504366B", "基于人工智能的流体输送系统精确计量方法及计量装置", "G01D;G01F"),
        ("CN215792497U", "一种膜纸自动化印刷技术生产线结构", "B41F"),
        ("CN215667380U", "一种废水循环利用的自动洗车装置", "B60S;C02F"),
        ("CN114129661A", "一种促进围绝经期女性补钙的中药组方", "A61K;A61P"),
        ("CN215771194U", "一种胶膜平整机构及光伏组件生产线", "H01L"),
    ];

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static ExportFile Open(string text, ImportOptions? options = null, Encoding? encoding = null) =>
        ExportReader.Open(new MemoryStream((encoding ?? new UTF8Encoding(false)).GetBytes(text)), options ?? new ImportOptions());

    public static ExportFile Open(byte[] bytes, ImportOptions? options = null) =>
        ExportReader.Open(new MemoryStream(bytes), options ?? new ImportOptions());

    /// <summary>A CSV line with RFC 4180 quoting.</summary>
    public static string Line(params string[] cells) =>
        string.Join(",", cells.Select(c => c.Contains(',') || c.Contains('"') || c.Contains('\n') ? "\"" + c.Replace("\"", "\"\"") + "\"" : c)) + "\n";

    /// <summary>A stream that refuses to seek, like an HTTP upload.</summary>
    public sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
