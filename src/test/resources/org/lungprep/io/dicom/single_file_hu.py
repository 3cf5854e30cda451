# Per-file HU evidence for LungPrep's DicomHuParityTest, made once with pydicom (+ numpy) on the real edge-case files.
import sys, glob, os, zlib, datetime
import numpy as np, pydicom
sys.path.insert(0, '/work/shared/reference')
import tutorial_pipeline as tp
root = '/work/shared/data/edge_cases'
files = []
for d in ['padding_minus2000_GE_3slices_FFS', 'minimal_header_signed_hu_2slices', 'gantry_tilt_variable_spacing_GE_head', 'pydicom_small_ct']:
    files += sorted(glob.glob(f'{root}/{d}/*'))
files += [f'{root}/nema_wg04_CT1_CT2_compression/CT1_UNC', f'{root}/nema_wg04_CT1_CT2_compression/CT2_UNC']
files += sorted(f for f in glob.glob(f'{root}/transfer_syntaxes_GE_chest_slice/*') if f.endswith(('CTImage.dcm', '1.2.dcm', '1.2.1.dcm', '1.2.2.dcm', '1.2.1.99.dcm')))
def crc(a):
    return zlib.crc32(np.ascontiguousarray(a, dtype='<i2').tobytes()) & 0xffffffff
print('# HU of single real DICOM files: pydicom %s, numpy %s, made once on %s with /usr/bin/python3 and single_file_hu.py (next to this file)' % (pydicom.__version__, np.__version__, datetime.date.today()))
print('# tutorial = tutorial_pipeline.get_pixels_hu([ds]) (raw -2000 -> raw 0 before rescale; slope 1 in all these files)')
print('# air = round(slope*raw + intercept) clamped to int16, with raw == PixelPaddingValue (..RangeLimit) or signed raw -2000 -> -1024')
print('# columns: path under edge_cases, crc32 and sum of tutorial HU, crc32 and sum of air HU (int16 little-endian, (y, x) C order)')
for f in files:
    ds = pydicom.dcmread(f, force=True)
    if 'Rows' not in ds:
        print('# skipped %s: pydicom 2.3 reads no image from it' % os.path.relpath(f, root))
        continue
    raw = ds.pixel_array.astype(np.int64)
    tut = tp.get_pixels_hu([ds])[0]
    slope = float(getattr(ds, 'RescaleSlope', 1)); icpt = float(getattr(ds, 'RescaleIntercept', 0))
    air = np.clip(np.rint(slope * raw + icpt), -32768, 32767).astype(np.int16)
    pad = np.zeros(raw.shape, bool)
    if 'PixelPaddingValue' in ds:
        a = int(ds.PixelPaddingValue); b = int(getattr(ds, 'PixelPaddingRangeLimit', a))
        pad |= (raw >= min(a, b)) & (raw <= max(a, b))
    if int(ds.PixelRepresentation) == 1:
        pad |= raw == -2000
    air[pad] = -1024
    print(os.path.relpath(f, root), crc(tut), int(tut.astype(np.int64).sum()), crc(air), int(air.astype(np.int64).sum()))
