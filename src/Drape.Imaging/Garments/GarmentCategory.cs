namespace Drape.Imaging.Garments;

/// <summary>The garment categories of the try-on API. <c>auto</c> is resolved to one of these before an engine runs.</summary>
public enum GarmentCategory
{
    Upper,
    Lower,
    Dress,
}
