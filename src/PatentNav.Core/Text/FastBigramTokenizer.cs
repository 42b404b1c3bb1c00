using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace PatentNav.Text;

/// <summary>
/// The tokens of Lucene's CJK bigram chain (StandardTokenizer → CJKWidthFilter → lower-casing → CJKBigramFilter),
/// produced without running StandardTokenizer over Chinese text: runs of Han characters become their overlapping
/// bigrams (a lone character its unigram) directly, and only the text between them goes through the Lucene chain.
/// </summary>
/// <remarks>
/// <para>Why it is the same: StandardTokenizer (UAX #29, Unicode 6.3 in Lucene 4.8) makes every Han ideograph a token of
/// its own (type IDEOGRAPHIC) that no other word rule can extend, so the words between two Han characters are those of
/// that stretch alone; CJKBigramFilter pairs contiguous Han tokens only, and emits every other token unchanged with
/// increment 1. Text where this reasoning might not hold — kana, Hangul, other CJK blocks, surrogate pairs, a combining
/// mark or format character right after a Han character, a stretch longer than StandardTokenizer's 255-character token
/// limit — goes through the whole Lucene chain unchanged. Tests compare both on random and on real patent text.</para>
/// <para>Patent text is mostly Han characters and punctuation, so most of it skips the costlier Lucene chain.</para>
/// </remarks>
internal sealed class FastBigramTokenizer : Tokenizer
{
    private const int MaxStretch = 255;

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _posInc;
    private readonly ITypeAttribute _type;

    // The exact chain, for stretches between Han runs and for text the fast path does not handle.
    private readonly SpanReader _innerReader = new();
    private readonly Tokenizer _innerTokenizer;
    private readonly TokenStream _inner;
    private readonly ICharTermAttribute _innerTerm;
    private readonly IOffsetAttribute _innerOffset;
    private readonly IPositionIncrementAttribute _innerPosInc;
    private readonly ITypeAttribute _innerType;
    private bool _innerOpen;
    private bool _innerNeverUsed = true;
    private int _innerBase;

    private char[] _text = new char[1024];
    private int _length;
    private int _pos;
    private int _hanPos;
    private int _hanEnd;
    private bool _fallback;

    public FastBigramTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _posInc = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _innerTokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, _innerReader);
        _inner = BigramAnalyzer.Filters(_innerTokenizer);
        _innerTerm = _inner.GetAttribute<ICharTermAttribute>();
        _innerOffset = _inner.GetAttribute<IOffsetAttribute>();
        _innerPosInc = _inner.GetAttribute<IPositionIncrementAttribute>();
        _innerType = _inner.GetAttribute<ITypeAttribute>();
    }

    /// <summary>Han characters the fast path handles: CJK Unified Ideographs and Extension A as assigned in Unicode 6.3.</summary>
    internal static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FCC') or (>= '\u3400' and <= '\u4DB5');

    public override void Reset()
    {
        base.Reset();
        CloseInner();
        _length = 0;
        while (true)
        {
            if (_length == _text.Length)
            {
                Array.Resize(ref _text, _text.Length * 2);
            }

            var read = m_input.Read(_text, _length, _text.Length - _length);
            if (read <= 0)
            {
                break;
            }

            _length += read;
        }

        _pos = 0;
        _hanPos = _hanEnd = 0;
        _fallback = NeedsFallback(_text.AsSpan(0, _length));
        if (_fallback)
        {
            OpenInner(0, _length);
        }
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        while (true)
        {
            if (_innerOpen)
            {
                if (_inner.IncrementToken())
                {
                    _term.CopyBuffer(_innerTerm.Buffer, 0, _innerTerm.Length);
                    _offset.SetOffset(CorrectOffset(_innerBase + _innerOffset.StartOffset), CorrectOffset(_innerBase + _innerOffset.EndOffset));
                    _posInc.PositionIncrement = _innerPosInc.PositionIncrement;
                    _type.Type = _innerType.Type;
                    return true;
                }

                CloseInner();
            }

            if (_fallback)
            {
                return false;
            }

            if (_hanPos < _hanEnd)
            {
                var start = _hanPos;
                if (_hanEnd - start == 1)
                {
                    _term.CopyBuffer(_text, start, 1);
                    _offset.SetOffset(CorrectOffset(start), CorrectOffset(start + 1));
                    _type.Type = CJKBigramFilter.SINGLE_TYPE;
                    _hanPos = _hanEnd;
                }
                else
                {
                    _term.CopyBuffer(_text, start, 2);
                    _offset.SetOffset(CorrectOffset(start), CorrectOffset(start + 2));
                    _type.Type = CJKBigramFilter.DOUBLE_TYPE;
                    _hanPos = start + 2 == _hanEnd ? _hanEnd : start + 1;
                }

                return true;
            }

            if (_pos >= _length)
            {
                return false;
            }

            var end = _pos;
            if (IsHan(_text[_pos]))
            {
                while (end < _length && IsHan(_text[end]))
                {
                    end++;
                }

                _hanPos = _pos;
                _hanEnd = end;
            }
            else
            {
                var words = false;
                while (end < _length && !IsHan(_text[end]))
                {
                    words |= !IsSilent(_text[end]);
                    end++;
                }

                if (words)
                {
                    OpenInner(_pos, end);
                }
            }

            _pos = end;
        }
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(_length);
        _offset.SetOffset(final, final);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseInner();
        }

        base.Dispose(disposing);
    }

    /// <summary>True when the text holds a character the fast path does not vouch for (see the remarks).</summary>
    private static bool NeedsFallback(ReadOnlySpan<char> text)
    {
        var stretch = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsHan(c))
            {
                stretch = 0;
                if (i + 1 < text.Length && !IsHan(text[i + 1]) && ExtendsPrevious(text[i + 1]))
                {
                    return true;
                }

                continue;
            }

            if (++stretch > MaxStretch || !IsPlain(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Characters StandardTokenizer can only attach to the character before them (UAX #29 Extend and Format).</summary>
    private static bool ExtendsPrevious(char c) => char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
        or System.Globalization.UnicodeCategory.EnclosingMark or System.Globalization.UnicodeCategory.Format;

    /// <summary>Characters allowed between Han runs: anything below the CJK blocks except Hangul Jamo and surrogates,
    /// the common CJK punctuation, and full-width ASCII forms.</summary>
    private static bool IsPlain(char c) =>
        c < '\u2E80' ? c is not (>= '\u1100' and <= '\u11FF')
        : IsCjkPunctuation(c) || c is >= '\uFF01' and <= '\uFF5E';

    private static bool IsCjkPunctuation(char c) => c is (>= '\u3000' and <= '\u3003') or (>= '\u3008' and <= '\u3011') or (>= '\u3014' and <= '\u301F');

    /// <summary>Characters that never form or join a word: ASCII punctuation, spaces and controls (not '_'), and the
    /// common CJK and general punctuation. A stretch of only these yields no token.</summary>
    private static bool IsSilent(char c) => c switch
    {
        < '\u0080' => !char.IsAsciiLetterOrDigit(c) && c != '_',
        '\u2014' or '\u2018' or '\u2019' or '\u201C' or '\u201D' or '\u2026' or '\u00B7' => true,
        '\uFF08' or '\uFF09' or '\uFF0C' or '\uFF1A' or '\uFF1B' or '\uFF01' or '\uFF1F' => true,
        _ => IsCjkPunctuation(c),
    };

    private void OpenInner(int start, int end)
    {
        _innerReader.Set(_text, start, end - start);
        if (_innerNeverUsed)
        {
            _innerNeverUsed = false;
        }
        else
        {
            _innerTokenizer.SetReader(_innerReader);
        }

        _inner.Reset();
        _innerBase = start;
        _innerOpen = true;
    }

    private void CloseInner()
    {
        if (!_innerOpen)
        {
            return;
        }

        _innerOpen = false;
        _inner.End();
        _inner.Dispose();
    }

    /// <summary>A reusable reader over a part of a character array; disposing it does nothing.</summary>
    private sealed class SpanReader : TextReader
    {
        private char[] _buffer = [];
        private int _pos;
        private int _end;

        public void Set(char[] buffer, int start, int length)
        {
            _buffer = buffer;
            _pos = start;
            _end = start + length;
        }

        public override int Peek() => _pos < _end ? _buffer[_pos] : -1;

        public override int Read() => _pos < _end ? _buffer[_pos++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(count, _end - _pos);
            if (n <= 0)
            {
                return 0;
            }

            Array.Copy(_buffer, _pos, buffer, index, n);
            _pos += n;
            return n;
        }

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(buffer.Length, _end - _pos);
            if (n <= 0)
            {
                return 0;
            }

            _buffer.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }

        // Reused across stretches: TextReader holds nothing to release, so disposing leaves the reader usable.
        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
