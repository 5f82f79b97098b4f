#include "postings/bitpack.h"

namespace search::postings {

const UnpackFn kUnpack[33] = {
    &unpack128<0>,  &unpack128<1>,  &unpack128<2>,  &unpack128<3>,  &unpack128<4>,
    &unpack128<5>,  &unpack128<6>,  &unpack128<7>,  &unpack128<8>,  &unpack128<9>,
    &unpack128<10>, &unpack128<11>, &unpack128<12>, &unpack128<13>, &unpack128<14>,
    &unpack128<15>, &unpack128<16>, &unpack128<17>, &unpack128<18>, &unpack128<19>,
    &unpack128<20>, &unpack128<21>, &unpack128<22>, &unpack128<23>, &unpack128<24>,
    &unpack128<25>, &unpack128<26>, &unpack128<27>, &unpack128<28>, &unpack128<29>,
    &unpack128<30>, &unpack128<31>, &unpack128<32>};

const UnpackGapsFn kUnpackGaps[17] = {
    &unpack_gaps128<0>,  &unpack_gaps128<1>,  &unpack_gaps128<2>,  &unpack_gaps128<3>,
    &unpack_gaps128<4>,  &unpack_gaps128<5>,  &unpack_gaps128<6>,  &unpack_gaps128<7>,
    &unpack_gaps128<8>,  &unpack_gaps128<9>,  &unpack_gaps128<10>, &unpack_gaps128<11>,
    &unpack_gaps128<12>, &unpack_gaps128<13>, &unpack_gaps128<14>, &unpack_gaps128<15>,
    &unpack_gaps128<16>};

}  // namespace search::postings
