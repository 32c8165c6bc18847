fn main() {
    std::process::exit(secretctl::main());
}
