namespace Empreinte.Domain;

/// <summary>
/// A value with its uncertainty range: low ≤ central ≤ high. The unit belongs to whoever holds it
/// (a property named <c>EnergyKwh</c> of this type is in kWh).
/// </summary>
public readonly record struct Uncertain(double Low, double Central, double High)
{
    public static Uncertain Zero { get; } = new(0, 0, 0);

    public static Uncertain Exactly(double value) => new(value, value, value);

    /// <summary>Builds a range and orders it, so that callers can pass bounds computed from either end.</summary>
    public static Uncertain Of(double low, double central, double high)
    {
        var lo = Math.Min(low, Math.Min(central, high));
        var hi = Math.Max(high, Math.Max(central, low));
        return new(lo, Math.Clamp(central, lo, hi), hi);
    }

    public static Uncertain operator +(Uncertain a, Uncertain b) => new(a.Low + b.Low, a.Central + b.Central, a.High + b.High);

    public static Uncertain operator *(Uncertain a, double factor) => factor >= 0
        ? new(a.Low * factor, a.Central * factor, a.High * factor)
        : new(a.High * factor, a.Central * factor, a.Low * factor);

    public static Uncertain operator *(double factor, Uncertain a) => a * factor;

    /// <summary>
    /// Product of two non-negative uncertain quantities: bounds multiply bound by bound. This treats
    /// the two ranges as fully correlated in the worst case, which is the conservative choice.
    /// </summary>
    public static Uncertain operator *(Uncertain a, Uncertain b) =>
        Of(a.Low * b.Low, a.Central * b.Central, a.High * b.High);

    /// <summary>The central value as a point, low = central = high (for point-value methodologies such as CCF's).</summary>
    public Uncertain AtCentral() => Exactly(Central);

    public Uncertain Add(Uncertain other) => this + other;

    public Uncertain Multiply(double factor) => this * factor;
}
