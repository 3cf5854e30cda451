# Made once with numpy 1.24.2 (python3 on the build machine, 2026-11-24): python3 make_numpy_files.py
# Every 3-D array is a[z, y, x] = z * 20 + y * 5 + x (times a scale), so a reader that gets the C order wrong fails.
import numpy as np
idx = np.arange(60).reshape(3, 4, 5)
np.save("i2.npy", (idx * 37 - 1024).astype("<i2"))
np.save("u1.npy", (idx * 4).astype(np.uint8))
np.save("b1.npy", idx % 3 == 0)
np.save("f4.npy", (idx * 0.25 - 3).astype("<f4"))
np.save("u2.npy", (idx * 50).astype("<u2"))
np.save("u2_big.npy", (idx * 1000 + 5000).astype("<u2"))
np.save("f8.npy", idx * 0.125 - 1)
np.save("i2_big_endian.npy", (idx * 37 - 1024).astype(">i2"))
np.save("i2_fortran.npy", np.asfortranarray((idx * 37 - 1024).astype("<i2")))
np.save("i2_2d.npy", (idx[0] * 37 - 1024).astype("<i2"))
np.save("i8.npy", idx.astype("<i8"))
with open("i2_v2.npy", "wb") as f:
    np.lib.format.write_array(f, (idx * 37 - 1024).astype("<i2"), version=(2, 0))
