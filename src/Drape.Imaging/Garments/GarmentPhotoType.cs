namespace Drape.Imaging.Garments;

/// <summary>
/// How the garment was photographed (the try-on API's <c>garment_photo_type</c>; null = <c>auto</c>): laid flat or
/// floating on a plain background, or worn by a model, whose body the engine then removes from the cut-out.
/// </summary>
public enum GarmentPhotoType
{
    FlatLay,
    OnModel,
}
